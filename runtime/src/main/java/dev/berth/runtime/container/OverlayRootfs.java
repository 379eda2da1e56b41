package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.linux.LinuxException;
import dev.berth.runtime.linux.MountFlags;
import dev.berth.runtime.linux.Mounts;
import dev.berth.runtime.state.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A rootfs that is an overlayfs mount: the image's layer directories as lower dirs (shared by every
 * container of the image, never written) and a per-container {@code upper} and {@code work} dir
 * next to the mount point.
 */
public final class OverlayRootfs implements RootfsProvider {
  private static final int PAGE = 4096;

  @Override
  public void prepare(List<Path> layers, Path target) throws EngineException {
    Path upper = target.resolveSibling("upper");
    Path work = target.resolveSibling("work");
    List<String> lower = new ArrayList<>();
    layers.forEach(l -> lower.add(l.toString()));
    Collections.reverse(lower); // overlayfs lists the top-most lower dir first
    String data = "lowerdir=" + String.join(":", lower) + ",upperdir=" + upper + ",workdir=" + work;
    if (data.getBytes(StandardCharsets.UTF_8).length >= PAGE) {
      throw new EngineException(
          ErrorKind.UNSUPPORTED,
          "overlay mount of "
              + layers.size()
              + " layers at "
              + target
              + ": options exceed one page ("
              + data.length()
              + " bytes)");
    }
    try {
      Files.createDirectories(target);
      Files.createDirectories(upper);
      Files.createDirectories(work);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "preparing rootfs " + target + ": " + e, e);
    }
    Mounts.mount("overlay", target, "overlay", 0, data);
  }

  @Override
  public boolean isPrepared(Path target) throws EngineException {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] fields = line.split(" ");
        if (fields.length > 4 && fields[4].equals(target.toString())) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "reading /proc/self/mountinfo: " + e, e);
    }
  }

  @Override
  public void release(Path target) throws EngineException {
    try {
      Mounts.umount2(target, 0);
    } catch (LinuxException e) {
      if (e.errno() == 22 || e.errno() == 2) {
        // EINVAL, ENOENT: not a mount point (never mounted, or already released)
      } else if (e.errno() == 16) {
        Mounts.umount2(target, MountFlags.MNT_DETACH); // EBUSY: detach, the kernel finishes later
      } else {
        throw e;
      }
    }
    try {
      Files.deleteIfExists(target);
      FileTrees.deleteTree(target.resolveSibling("upper"));
      FileTrees.deleteTree(target.resolveSibling("work"));
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "removing rootfs " + target + ": " + e, e);
    }
  }
}
