package dev.berth.runtime.server.endpoints;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code /version} and {@code /info} say about the host, read once from /proc and /etc: also
 * the OCI runtimes installed (crun first) and what the host lacks that berthd needs.
 */
public record HostFacts(
    String hostname,
    String kernelVersion,
    String operatingSystem,
    String osVersion,
    String goArch,
    String machine,
    int cpus,
    long memTotal,
    String cgroupVersion,
    List<String> ociRuntimes,
    List<String> lacks) {
  private static final List<String> SEARCH_PATH =
      List.of("/usr/local/bin", "/usr/bin", "/usr/local/sbin", "/usr/sbin", "/sbin", "/bin");

  public HostFacts {
    ociRuntimes = List.copyOf(ociRuntimes);
    lacks = List.copyOf(lacks);
  }

  /** The OCI runtime berthd uses by default: crun if installed, else runc, else none. */
  public String defaultRuntime() {
    return ociRuntimes.isEmpty() ? "" : ociRuntimes.get(0);
  }

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
        Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? "2" : "1",
        installed(List.of("crun", "runc")),
        detectLacks());
  }

  private static List<String> installed(List<String> names) {
    return names.stream().filter(n -> binary(n).isPresent()).toList();
  }

  private static Optional<Path> binary(String name) {
    return SEARCH_PATH.stream().map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
  }

  /** What berthd needs and this host lacks, each with what to do about it. */
  private static List<String> detectLacks() {
    List<String> lacks = new ArrayList<>();
    if (installed(List.of("crun", "runc")).isEmpty()) {
      lacks.add("no OCI runtime: install crun or runc (containers cannot run)");
    }
    if (binary("conmon").isEmpty()) {
      lacks.add("no conmon: install conmon (containers cannot run)");
    }
    if (binary("iptables").isEmpty()) {
      lacks.add("no iptables: install iptables (published ports and outbound NAT do not work)");
    }
    if (!lines("/proc/filesystems").contains("overlay")) {
      lacks.add(
          "no overlay filesystem: load it with 'modprobe overlay' (images cannot be mounted)");
    }
    if (!Files.isDirectory(Path.of("/proc/self/ns"))) {
      lacks.add("no namespaces in /proc/self/ns: berthd needs a Linux kernel with namespaces");
    }
    return lacks;
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
