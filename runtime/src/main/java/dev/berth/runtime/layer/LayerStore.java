package dev.berth.runtime.layer;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.state.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Unpacked layers by diff ID under {@code <root>/<hex>}, each unpacked once and shared by every
 * image that has it. A layer appears under its name only when fully unpacked and verified.
 */
public final class LayerStore {
  private static final String TEMP_PREFIX = ".tmp-";
  private static final String SHORT = "l";

  private final Path root;
  private final LayerUnpacker unpacker;
  private final ConcurrentHashMap<Digest, Object> locks = new ConcurrentHashMap<>();

  private LayerStore(Path root, LayerUnpacker unpacker) {
    this.root = root;
    this.unpacker = unpacker;
  }

  /** Opens (creating) the store, removing half-unpacked layers a killed process left. */
  public static LayerStore open(Path root, LayerUnpacker unpacker) throws IOException {
    Files.createDirectories(root);
    try (DirectoryStream<Path> stale = Files.newDirectoryStream(root, TEMP_PREFIX + "*")) {
      for (Path p : stale) {
        FileTrees.deleteTree(p);
      }
    }
    return new LayerStore(root, unpacker);
  }

  public boolean contains(Digest diffId) {
    return Files.isDirectory(dir(diffId));
  }

  /** The layer's directory, to be used as an overlay lower dir. */
  public Path dir(Digest diffId) {
    return root.resolve(diffId.hex());
  }

  /**
   * A short path to the layer ({@code <root>/l/<16 hex>}, a symlink to its directory) so that
   * overlay's one-page mount data holds more lower dirs, as Docker's overlay2 does.
   */
  public Path shortDir(Digest diffId) throws IOException, EngineException {
    if (!contains(diffId)) {
      throw new EngineException(ErrorKind.NOT_FOUND, "layer " + diffId + " is not unpacked");
    }
    Path link = root.resolve(SHORT).resolve(diffId.hex().substring(0, 16));
    Path target = Path.of("..", diffId.hex());
    if (Files.isSymbolicLink(link)) {
      if (Files.readSymbolicLink(link).equals(target)) {
        return link;
      }
      return dir(diffId); // two layers share 64 bits of prefix: use the long path
    }
    Files.createDirectories(link.getParent());
    try {
      Files.createSymbolicLink(link, target);
    } catch (java.nio.file.FileAlreadyExistsException raced) {
      return shortDir(diffId);
    }
    return link;
  }

  /**
   * Unpacks a layer blob unless already present; fails, leaving nothing, when the uncompressed
   * content does not hash to {@code diffId}.
   */
  public Path unpack(Digest diffId, InputStream blob, String what)
      throws IOException, EngineException {
    synchronized (locks.computeIfAbsent(diffId, d -> new Object())) {
      Path target = dir(diffId);
      if (Files.isDirectory(target)) {
        return target;
      }
      Path temp =
          root.resolve(TEMP_PREFIX + diffId.hex().substring(0, 12) + "-" + UUID.randomUUID());
      Files.createDirectory(temp);
      try {
        UnpackedLayer layer = unpacker.unpack(blob, temp, what);
        if (!layer.diffId().equals(diffId)) {
          throw new EngineException(
              ErrorKind.INVALID_ARGUMENT,
              what
                  + ": uncompressed content hashes to "
                  + layer.diffId()
                  + ", config says "
                  + diffId);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
      } finally {
        FileTrees.deleteTree(temp);
      }
    }
  }

  /** Removes a layer directory; false when it was absent. */
  public boolean delete(Digest diffId) throws IOException {
    Path dir = dir(diffId);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    Path link = root.resolve(SHORT).resolve(diffId.hex().substring(0, 16));
    if (Files.isSymbolicLink(link)
        && Files.readSymbolicLink(link).equals(Path.of("..", diffId.hex()))) {
      Files.delete(link);
    }
    Path doomed = root.resolve(TEMP_PREFIX + "rm-" + UUID.randomUUID());
    Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE); // gone at once, deleted after
    FileTrees.deleteTree(doomed);
    return true;
  }

  /** Diff IDs of every unpacked layer. */
  public List<Digest> list() throws IOException {
    List<Digest> out = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path p : dirs) {
        String name = p.getFileName().toString();
        if (!name.startsWith(TEMP_PREFIX) && !name.equals(SHORT)) {
          out.add(new Digest("sha256", name));
        }
      }
    }
    return out;
  }
}
