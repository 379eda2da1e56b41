package dev.berth.runtime.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a test may leave behind on the host, under its own test root: mounts, berth cgroups of its
 * containers, and processes (conmon, runtimes) mentioning the root. A stand-in for the test kit's
 * HostLeakCheck.
 */
final class HostLeaks {
  private HostLeaks() {}

  static List<String> under(Path testRoot, List<String> runtimeIds) throws IOException {
    List<String> leaks = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      if (line.contains(testRoot.toString())) {
        leaks.add("mount: " + line);
      }
    }
    try (Stream<Path> controllers = Files.list(Path.of("/sys/fs/cgroup"))) {
      for (Path controller : controllers.toList()) {
        for (String id : runtimeIds) {
          if (Files.exists(controller.resolve("berth").resolve(id))) {
            leaks.add("cgroup: " + controller.resolve("berth").resolve(id));
          }
        }
      }
    }
    ProcessHandle.allProcesses()
        .filter(
            p ->
                p.info()
                    .arguments()
                    .map(a -> String.join(" ", a))
                    .orElse("")
                    .contains(testRoot.toString()))
        .forEach(p -> leaks.add("process " + p.pid() + ": " + p.info().commandLine().orElse("?")));
    return leaks;
  }
}
