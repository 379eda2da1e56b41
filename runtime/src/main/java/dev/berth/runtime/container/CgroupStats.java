package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a container's cgroup counters from v1 controllers ({@code cpuacct}, {@code memory}, {@code
 * pids}) where the host mounts them, else from the unified v2 hierarchy.
 */
final class CgroupStats {
  private static final long TICK_NANOS = 10_000_000L; // USER_HZ is 100 on Linux
  private final Path cgroupRoot;
  private final Clock clock;

  CgroupStats(Path cgroupRoot, Clock clock) {
    this.cgroupRoot = cgroupRoot;
    this.clock = clock;
  }

  CgroupSample sample(String cgroupsPath, String container) throws EngineException {
    String relative = cgroupsPath.substring(1);
    try {
      if (Files.isDirectory(cgroupRoot.resolve("memory").resolve(relative))) {
        return v1(relative);
      }
      Path unified = cgroupRoot.resolve(relative);
      if (Files.exists(unified.resolve("cgroup.controllers"))) {
        return v2(unified);
      }
    } catch (IOException | RuntimeException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "reading the cgroup of " + container + ": " + e.getMessage(), e);
    }
    throw new EngineException(
        ErrorKind.CONFLICT, "container " + container + " has no cgroup: is it running?");
  }

  private CgroupSample v1(String relative) throws IOException {
    Path cpu = cgroupRoot.resolve("cpuacct").resolve(relative);
    Path memory = cgroupRoot.resolve("memory").resolve(relative);
    Path pids = cgroupRoot.resolve("pids").resolve(relative);
    List<Long> perCpu = new ArrayList<>();
    for (String value : read(cpu.resolve("cpuacct.usage_percpu")).split("\\s+")) {
      if (!value.isEmpty()) {
        perCpu.add(Long.parseLong(value));
      }
    }
    Map<String, Long> cpuStat = keyed(cpu.resolve("cpuacct.stat"));
    return new CgroupSample(
        clock.instant(),
        number(cpu.resolve("cpuacct.usage")),
        perCpu,
        cpuStat.getOrDefault("user", 0L) * TICK_NANOS,
        cpuStat.getOrDefault("system", 0L) * TICK_NANOS,
        systemCpuNanos(),
        Runtime.getRuntime().availableProcessors(),
        number(memory.resolve("memory.usage_in_bytes")),
        Math.min(number(memory.resolve("memory.limit_in_bytes")), hostMemory()),
        keyed(memory.resolve("memory.stat")),
        Files.exists(pids) ? number(pids.resolve("pids.current")) : 0,
        Files.exists(pids) ? number(pids.resolve("pids.max")) : 0);
  }

  private CgroupSample v2(Path dir) throws IOException {
    Map<String, Long> cpuStat = keyed(dir.resolve("cpu.stat"));
    return new CgroupSample(
        clock.instant(),
        cpuStat.getOrDefault("usage_usec", 0L) * 1000,
        List.of(),
        cpuStat.getOrDefault("user_usec", 0L) * 1000,
        cpuStat.getOrDefault("system_usec", 0L) * 1000,
        systemCpuNanos(),
        Runtime.getRuntime().availableProcessors(),
        number(dir.resolve("memory.current")),
        Math.min(number(dir.resolve("memory.max")), hostMemory()),
        keyed(dir.resolve("memory.stat")),
        number(dir.resolve("pids.current")),
        number(dir.resolve("pids.max")));
  }

  /** The host's CPU time in nanoseconds: the first line of {@code /proc/stat}, summed. */
  private static long systemCpuNanos() throws IOException {
    String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
    long ticks = 0;
    String[] fields = line.split("\\s+");
    for (int i = 1; i < fields.length && i <= 7; i++) {
      ticks += Long.parseLong(fields[i]);
    }
    return ticks * TICK_NANOS;
  }

  private static long hostMemory() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return Long.MAX_VALUE;
  }

  /** A one-number file; {@code max} (no limit) reads as {@link Long#MAX_VALUE}. */
  private static long number(Path file) throws IOException {
    String text = read(file);
    return text.equals("max") ? Long.MAX_VALUE : Long.parseLong(text);
  }

  private static Map<String, Long> keyed(Path file) throws IOException {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String[] fields = line.split(" ");
      if (fields.length == 2) {
        values.put(fields[0], Long.parseLong(fields[1]));
      }
    }
    return values;
  }

  /** One large read: JDK 17's readString can return a truncated value from cgroupfs and /proc. */
  private static String read(Path file) throws IOException {
    return String.join("\n", Files.readAllLines(file)).strip();
  }
}
