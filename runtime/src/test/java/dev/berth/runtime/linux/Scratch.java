package dev.berth.runtime.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A uniquely named directory a test owns, with the mounts it made there; closing it detaches those
 * mounts (newest first) and deletes the directory, even after a failed test.
 */
final class Scratch implements AutoCloseable {
  private final Path root;
  private final Deque<Path> mounts = new ArrayDeque<>();

  private Scratch(Path root) {
    this.root = root;
  }

  /** A new directory {@code berth-test-<random>} under {@code parent}. */
  static Scratch under(Path parent) throws IOException {
    String name = "berth-test-" + UUID.randomUUID().toString().substring(0, 8);
    return new Scratch(Files.createDirectory(parent.resolve(name)));
  }

  /** A new directory under {@code /tmp}. */
  static Scratch inTmp() throws IOException {
    return under(Path.of("/tmp"));
  }

  Path root() {
    return root;
  }

  /** A new directory below the root. */
  Path dir(String name) throws IOException {
    return Files.createDirectories(root.resolve(name));
  }

  /** Records that the test mounted something on {@code target}, so closing detaches it. */
  Path mounted(Path target) {
    mounts.push(target);
    return target;
  }

  /** Mounts a fresh tmpfs on a new directory {@code name} and records it. */
  Path tmpfs(String name) throws IOException, LinuxException {
    Path target = mounted(dir(name));
    Mounts.mount(
        "berth-test", target, "tmpfs", MountFlags.MS_NOSUID | MountFlags.MS_NODEV, "size=4m");
    return target;
  }

  /** Whether {@code path} is a mount point in this process's mount namespace. */
  static boolean isMountPoint(Path path) throws IOException {
    String escaped = path.toString().replace(" ", "\\040");
    try (Stream<String> lines = Files.lines(Path.of("/proc/self/mountinfo"))) {
      return lines.map(line -> line.split(" ")[4]).anyMatch(escaped::equals);
    }
  }

  @Override
  public void close() throws IOException {
    while (!mounts.isEmpty()) {
      Path target = mounts.pop();
      while (isMountPoint(target)) {
        try {
          Mounts.umount2(target, MountFlags.MNT_DETACH);
        } catch (LinuxException e) {
          throw new IOException("cleanup of " + target + " failed", e);
        }
      }
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(Scratch::delete);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
