package dev.berth.runtime.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Removes a container's cgroup directories the runtime left behind, in every v1 controller and the
 * v2 mount, then berth's parent {@code /berth} where it has become empty. Never touches anything
 * outside {@code /berth}.
 */
final class CgroupCleaner {
  private final Path cgroupRoot;

  CgroupCleaner(Path cgroupRoot) {
    this.cgroupRoot = cgroupRoot;
  }

  void remove(String cgroupsPath) {
    if (!cgroupsPath.startsWith("/berth/")) {
      throw new IllegalArgumentException("not a berth cgroup: " + cgroupsPath);
    }
    for (Path controller : controllers()) {
      Path dir = controller.resolve(cgroupsPath.substring(1));
      rmdir(dir);
      rmdir(controller.resolve("berth"));
    }
  }

  /** Whether the kernel OOM-killed a process of the cgroup (v1 {@code oom_kill} counter). */
  boolean oomKilled(String cgroupsPath) {
    Path control = cgroupRoot.resolve("memory").resolve(cgroupsPath.substring(1));
    try {
      for (String line : Files.readAllLines(control.resolve("memory.oom_control"))) {
        if (line.startsWith("oom_kill ") && !line.endsWith(" 0")) {
          return true;
        }
      }
    } catch (IOException e) {
      // no v1 memory controller, or the cgroup is gone
    }
    return false;
  }

  private List<Path> controllers() {
    try (Stream<Path> entries = Files.list(cgroupRoot)) {
      return entries.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p)).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static void rmdir(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // busy (still has tasks or children): another container, or the kernel is not done yet
    }
  }
}
