package dev.berth.orchestrator.engine;

import dev.berth.runtime.api.ApiVersion;
import dev.berth.runtime.api.EngineVersion;
import dev.berth.runtime.api.InfoTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@code berth engine status} reports about the engine on a socket, read from {@code /version}
 * and {@code /info}: which engine, its root, the OCI runtime it uses and what the host lacks.
 */
public record EngineStatus(
    Path socket,
    String engine,
    String version,
    ApiVersion apiVersion,
    ApiVersion minApiVersion,
    String root,
    OptionalLong pid,
    String defaultRuntime,
    List<String> runtimes,
    String host,
    List<String> warnings) {

  public EngineStatus {
    Objects.requireNonNull(socket, "socket");
    runtimes = List.copyOf(runtimes);
    warnings = List.copyOf(warnings);
  }

  static EngineStatus of(Path socket, EngineVersion version, InfoTemplate info, OptionalLong pid) {
    Map<String, InfoTemplate.Runtime> runtimes =
        info.runtimes() == null ? Map.of() : info.runtimes();
    return new EngineStatus(
        socket,
        version.components().isEmpty() ? "unknown" : version.components().get(0),
        version.version(),
        version.apiVersion(),
        version.minApiVersion(),
        Objects.requireNonNullElse(info.rootDir(), ""),
        pid,
        Objects.requireNonNullElse(info.defaultRuntime(), ""),
        new ArrayList<>(new java.util.TreeSet<>(runtimes.keySet())),
        String.format(
            "%s, kernel %s, cgroup v%s, %d CPUs, %d MiB",
            info.operatingSystem(),
            info.kernelVersion(),
            info.cgroupVersion(),
            info.cpus(),
            info.memTotal() / (1024 * 1024)),
        info.warnings() == null ? List.of() : info.warnings());
  }

  /** The report as aligned {@code key: value} lines. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(row("engine", engine + " " + version));
    lines.add(row("api", apiVersion + " (minimum " + minApiVersion + ")"));
    lines.add(row("socket", socket.toString()));
    lines.add(row("root", root));
    pid.ifPresent(p -> lines.add(row("pid", Long.toString(p))));
    lines.add(
        row(
            "oci runtime",
            defaultRuntime
                + (runtimes.isEmpty() ? "" : " (known: " + String.join(", ", runtimes) + ")")));
    lines.add(row("host", host));
    if (warnings.isEmpty()) {
      lines.add(row("host lacks", "nothing berth needs"));
    } else {
      lines.add(row("host lacks", ""));
      warnings.forEach(w -> lines.add("  - " + w));
    }
    return lines;
  }

  private static String row(String key, String value) {
    return String.format("%-12s %s", key + ":", value).stripTrailing();
  }
}
