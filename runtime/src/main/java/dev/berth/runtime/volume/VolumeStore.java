package dev.berth.runtime.volume;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.state.FileTrees;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local volume driver: each volume is {@code <root>/<name>/_data}. A volume is filled from the
 * image's content at its mount point the first time it is mounted, unless {@code nocopy}; the
 * marker file {@code populated} records that it happened.
 */
public final class VolumeStore {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
  private final Path root;

  public VolumeStore(Path root) {
    this.root = root;
  }

  /** Creates the named volume if absent and returns its data directory. */
  public Path create(String name) throws EngineException {
    return create(name, Map.of(), VolumeOptions.NONE).mountpoint();
  }

  /**
   * Creates a volume with labels and driver options, or returns the existing one of that name as
   * dockerd does.
   */
  public synchronized VolumeInfo create(
      String name, Map<String, String> labels, VolumeOptions options) throws EngineException {
    if (!NAME.matcher(name).matches()) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "invalid volume name \"" + name + "\"");
    }
    if (exists(name)) {
      return info(name);
    }
    try {
      Files.createDirectories(data(name));
      VolumeMetadataFile.write(
          metadataFile(name), new VolumeMetadataFile.Metadata(Instant.now(), labels, options));
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "create volume " + name + ": " + e.getMessage(), e);
    }
    return info(name);
  }

  /** The volume's labels, options, creation time and data directory; NOT_FOUND if absent. */
  public VolumeInfo info(String name) throws EngineException {
    if (!NAME.matcher(name).matches() || !exists(name)) {
      throw new EngineException(ErrorKind.NOT_FOUND, "get " + name + ": no such volume");
    }
    VolumeMetadataFile.Metadata metadata = VolumeMetadataFile.read(metadataFile(name));
    return new VolumeInfo(
        name, metadata.labels(), metadata.options(), metadata.createdAt(), data(name));
  }

  /** Every volume, by name. */
  public List<VolumeInfo> infos() throws EngineException {
    List<VolumeInfo> all = new java.util.ArrayList<>();
    for (String name : list()) {
      if (exists(name)) {
        all.add(info(name));
      }
    }
    return all;
  }

  /**
   * Mounts a volume created with driver options (a tmpfs, a bind of {@code device}) on its data
   * directory, once; the container side calls it before binding the volume into a container.
   */
  public synchronized void activate(String name) throws EngineException {
    VolumeInfo volume = info(name);
    if (volume.options().isPlain() || VolumeMounts.isMountPoint(volume.mountpoint())) {
      return;
    }
    VolumeMounts.mount(volume);
  }

  private Path metadataFile(String name) {
    return root.resolve(name).resolve("volume.json");
  }

  /** A fresh random name for an anonymous volume. */
  public static String anonymousName() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The names of existing volumes. */
  public List<String> list() throws EngineException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "list volumes: " + e.getMessage(), e);
    }
  }

  /** Whether the volume exists. */
  public boolean exists(String name) {
    return Files.isDirectory(data(name));
  }

  /** The volume's data directory. */
  public Path data(String name) {
    return root.resolve(name).resolve("_data");
  }

  /**
   * Copies the image's content at {@code imageDir} into the volume the first time it is mounted and
   * only if the volume is still empty (Docker's rule).
   */
  public void populate(String name, Path imageDir) throws EngineException {
    Path marker = root.resolve(name).resolve("populated");
    Path data = data(name);
    try {
      if (Files.exists(marker)) {
        return;
      }
      boolean empty;
      try (Stream<Path> entries = Files.list(data)) {
        empty = entries.findAny().isEmpty();
      }
      if (empty && Files.isDirectory(imageDir, LinkOption.NOFOLLOW_LINKS)) {
        copyTree(imageDir, data);
      }
      Files.createFile(marker);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "populate volume " + name + ": " + e.getMessage(), e);
    }
  }

  /** Removes the volume and its data (unmounting first a volume with driver options). */
  public synchronized void remove(String name) throws EngineException {
    if (VolumeMounts.isMountPoint(data(name))) {
      VolumeMounts.unmount(name, data(name));
    }
    try {
      FileTrees.deleteTree(root.resolve(name));
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "remove volume " + name + ": " + e.getMessage(), e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Path target = to.resolve(from.relativize(dir).toString());
            if (!Files.exists(target)) {
              Files.copy(
                  dir, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(
                file,
                to.resolve(from.relativize(file).toString()),
                StandardCopyOption.COPY_ATTRIBUTES,
                LinkOption.NOFOLLOW_LINKS);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
