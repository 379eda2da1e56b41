package dev.berth.runtime.build;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.linux.MountFlags;
import dev.berth.runtime.linux.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A read-only view of a stack of layer directories, for reading a stage's or an image's files (COPY
 * --from, user names, whether a path exists): no layer is the empty directory, one layer is itself,
 * more are a read-only overlay mount (lower dirs only) that whiteouts apply to.
 */
final class LayerView implements AutoCloseable {
  private final Path root;
  private final boolean mounted;
  private final boolean owned;

  private LayerView(Path root, boolean mounted, boolean owned) {
    this.root = root;
    this.mounted = mounted;
    this.owned = owned;
  }

  /** Opens a view of {@code layers} (lowest first) at a new directory under {@code work}. */
  static LayerView open(List<Path> layers, Path work) throws EngineException {
    try {
      Path dir = Files.createTempDirectory(work, "view-");
      if (layers.isEmpty()) {
        return new LayerView(dir, false, true);
      }
      if (layers.size() == 1) {
        Files.delete(dir);
        return new LayerView(layers.get(0), false, false);
      }
      List<String> lower = new ArrayList<>();
      layers.forEach(l -> lower.add(l.toString()));
      Collections.reverse(lower);
      Mounts.mount(
          "overlay", dir, "overlay", MountFlags.MS_RDONLY, "lowerdir=" + String.join(":", lower));
      return new LayerView(dir, true, true);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "making a view of image layers: " + e, e);
    }
  }

  Path root() {
    return root;
  }

  @Override
  public void close() throws EngineException {
    try {
      if (mounted) {
        Mounts.umount2(root, MountFlags.MNT_DETACH);
        Files.deleteIfExists(root);
      } else if (owned) {
        Files.deleteIfExists(root);
      }
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "removing layer view " + root + ": " + e, e);
    }
  }
}
