package dev.berth.runtime.server.endpoints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** What {@code /version} and {@code /info} say about the host, read once from /proc and /etc. */
public record HostFacts(
    String hostname,
    String kernelVersion,
    String operatingSystem,
    String osVersion,
    String goArch,
    String machine,
    int cpus,
    long memTotal,
    String cgroupVersion) {

  /** Reads the facts of the host this JVM runs on. */
  public static HostFacts detect() {
    String javaArch = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
    return new HostFacts(
        read("/proc/sys/kernel/hostname").orElse("localhost"),
        read("/proc/sys/kernel/osrelease").orElse(System.getProperty("os.version", "")),
        osRelease("PRETTY_NAME").orElse("Linux"),
        osRelease("VERSION_ID").orElse(""),
        goArch(javaArch),
        machine(javaArch),
        Runtime.getRuntime().availableProcessors(),
        readMemTotal(),
        Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1");
  }

  private static String goArch(String javaArch) {
    return switch (javaArch) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64" -> "arm64";
      default -> javaArch;
    };
  }

  private static String machine(String javaArch) {
    return switch (javaArch) {
      case "amd64", "x86_64" -> "x86_64";
      default -> javaArch;
    };
  }

  private static long readMemTotal() {
    return lines("/proc/meminfo")
        .lines()
        .filter(l -> l.startsWith("MemTotal:"))
        .map(l -> l.replaceAll("[^0-9]", ""))
        .filter(s -> !s.isEmpty())
        .mapToLong(kib -> Long.parseLong(kib) * 1024)
        .findFirst()
        .orElse(0);
  }

  private static Optional<String> osRelease(String key) {
    return lines("/etc/os-release")
        .lines()
        .filter(l -> l.startsWith(key + "="))
        .map(l -> l.substring(key.length() + 1).replace("\"", ""))
        .findFirst();
  }

  private static Optional<String> read(String file) {
    String text = lines(file).strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  private static String lines(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
