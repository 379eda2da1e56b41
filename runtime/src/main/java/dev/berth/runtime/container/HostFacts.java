package dev.berth.runtime.container;

import dev.berth.runtime.oci.CapabilitySet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What this host lets a container have: the engine's capability bounding set and hard rlimits (root
 * here lacks CAP_SYS_RESOURCE, so limits cannot be raised past them).
 */
public record HostFacts(List<String> capabilityBounding, Map<String, Long> hardLimits) {
  private static final Map<String, String> LIMIT_NAMES =
      Map.ofEntries(
          Map.entry("Max cpu time", "cpu"),
          Map.entry("Max file size", "fsize"),
          Map.entry("Max data size", "data"),
          Map.entry("Max stack size", "stack"),
          Map.entry("Max core file size", "core"),
          Map.entry("Max resident set", "rss"),
          Map.entry("Max processes", "nproc"),
          Map.entry("Max open files", "nofile"),
          Map.entry("Max locked memory", "memlock"),
          Map.entry("Max address space", "as"),
          Map.entry("Max file locks", "locks"),
          Map.entry("Max pending signals", "sigpending"),
          Map.entry("Max msgqueue size", "msgqueue"),
          Map.entry("Max nice priority", "nice"),
          Map.entry("Max realtime priority", "rtprio"),
          Map.entry("Max realtime timeout", "rttime"));

  public HostFacts {
    capabilityBounding = List.copyOf(capabilityBounding);
    hardLimits = Map.copyOf(hardLimits);
  }

  /** Reads the facts of the running engine process from {@code /proc/self}. */
  public static HostFacts read() throws IOException {
    String bounding = "0";
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("CapBnd:")) {
        bounding = line.substring("CapBnd:".length()).trim();
      }
    }
    Map<String, Long> hard = new HashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
      for (Map.Entry<String, String> e : LIMIT_NAMES.entrySet()) {
        if (line.startsWith(e.getKey() + " ")) {
          String[] columns = line.substring(e.getKey().length()).trim().split("\\s+");
          hard.put(e.getValue(), columns[1].equals("unlimited") ? -1L : Long.parseLong(columns[1]));
        }
      }
    }
    return new HostFacts(CapabilitySet.fromMask(bounding), hard);
  }
}
