package dev.berth.orchestrator.plan;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.HostOptions;
import dev.berth.orchestrator.loader.render.ConfigRenderer;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.Service;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's {@link HostOptions} as docker compose v2 fills the create request ({@code
 * pkg/compose/create.go}): {@code deploy.resources.limits} win over {@code mem_limit}/{@code
 * cpus}/{@code pids_limit}, links become {@code container:alias} pairs, {@code service:} references
 * name the service's first container.
 */
final class HostOptionSpecs {
  private HostOptionSpecs() {}

  static HostOptions of(Project project, Service service) throws BerthException {
    MapNode a = service.attributes();
    String where = "services." + service.name() + ".";
    return new HostOptions(
        Attrs.text(a, "domainname").orElse(null),
        Attrs.text(a, "mac_address").orElse(null),
        number(a, "shm_size", where),
        tmpfs(a),
        nonNull(Attrs.strings(a, "sysctls")),
        ulimits(a, where),
        orEmpty(Attrs.list(a, "dns")),
        orEmpty(Attrs.list(a, "dns_search")),
        orEmpty(Attrs.list(a, "dns_opt")),
        resources(a, where),
        orEmpty(Attrs.list(a, "group_add")),
        devices(a),
        securityOpts(project, a, where),
        Attrs.text(a, "oom_score_adj").map(Integer::parseInt).orElse(null),
        logging(a),
        Attrs.text(a, "runtime").orElse(null),
        links(project, a),
        volumesFrom(project, a),
        namespace(project, a, "ipc"),
        namespace(project, a, "pid"),
        namespace(project, a, "uts"));
  }

  private static HostOptions.Resources resources(MapNode a, String where) throws BerthException {
    MapNode resources = Attrs.map(Attrs.map(a, "deploy"), "resources");
    MapNode limits = Attrs.map(resources, "limits");
    MapNode reservations = Attrs.map(resources, "reservations");
    String limit = where + "deploy.resources.limits.";
    Long memory = first(number(limits, "memory", limit), number(a, "mem_limit", where));
    Long reservation =
        first(
            number(reservations, "memory", where + "deploy.resources.reservations."),
            number(a, "mem_reservation", where));
    Long nanoCpus = first(nanoCpus(limits, "cpus", limit), nanoCpus(a, "cpus", where));
    Long pids = first(number(limits, "pids", limit), number(a, "pids_limit", where));
    return new HostOptions.Resources(
        memory,
        reservation,
        number(a, "memswap_limit", where),
        number(a, "mem_swappiness", where),
        nanoCpus,
        number(a, "cpu_shares", where),
        number(a, "cpu_quota", where),
        number(a, "cpu_period", where),
        Attrs.text(a, "cpuset").orElse(null),
        pids);
  }

  /**
   * As compose: {@code seccomp=<file>} (or {@code seccomp:<file>}) sends the profile's compacted
   * JSON; {@code unconfined}, {@code builtin} and the other options go as written.
   */
  private static List<String> securityOpts(Project project, MapNode a, String where)
      throws BerthException {
    List<String> out = new ArrayList<>();
    for (String opt : orEmpty(Attrs.list(a, "security_opt"))) {
      String what = where + "security_opt \"" + opt + "\"";
      if (opt.equals("systempaths=unconfined")) {
        throw new BerthException(
            ErrorKind.UNSUPPORTED,
            what + ": unmasking /proc and /sys is not supported by berth yet");
      }
      String[] kv = opt.split("=", 2);
      if (kv.length == 1 && !opt.equals("no-new-privileges")) {
        if (!opt.contains(":")) {
          throw new BerthException(
              ErrorKind.INVALID_ARGUMENT, what + ": expected KEY=VALUE or no-new-privileges");
        }
        kv = opt.split(":", 2);
      }
      if (kv[0].equals("seccomp") && !kv[1].equals("unconfined") && !kv[1].equals("builtin")) {
        Path file = project.workingDir().resolve(kv[1]);
        try {
          String compact = ConfigRenderer.compactJsonText(Files.readString(file));
          out.add("seccomp=" + compact);
        } catch (IOException e) {
          throw new BerthException(
              ErrorKind.INVALID_ARGUMENT,
              what + ": cannot read the seccomp profile " + file + ": " + e.getMessage());
        }
      } else {
        out.add(opt);
      }
    }
    return out;
  }

  private static Map<String, String> tmpfs(MapNode a) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String t : orEmpty(Attrs.list(a, "tmpfs"))) {
      int colon = t.indexOf(':');
      out.put(colon < 0 ? t : t.substring(0, colon), colon < 0 ? "" : t.substring(colon + 1));
    }
    return out;
  }

  /** {@code nofile: 1024} (soft = hard) or {@code nofile: {soft: 1024, hard: 2048}}. */
  private static List<HostOptions.Ulimit> ulimits(MapNode a, String where) throws BerthException {
    List<HostOptions.Ulimit> out = new ArrayList<>();
    MapNode ulimits = Attrs.map(a, "ulimits");
    if (ulimits == null) {
      return out;
    }
    for (Map.Entry<String, Node> e : ulimits.entries().entrySet()) {
      String what = where + "ulimits." + e.getKey();
      if (e.getValue() instanceof MapNode m) {
        out.add(
            new HostOptions.Ulimit(
                e.getKey(),
                required(parse(Attrs.text(m, "soft"), what + ".soft"), what + ".soft"),
                required(parse(Attrs.text(m, "hard"), what + ".hard"), what + ".hard")));
      } else {
        long v = required(parse(Attrs.text(e.getValue()), what), what);
        out.add(new HostOptions.Ulimit(e.getKey(), v, v));
      }
    }
    return out;
  }

  private static List<HostOptions.Device> devices(MapNode a) {
    List<HostOptions.Device> out = new ArrayList<>();
    for (Node n : Attrs.items(a, "devices")) {
      if (n instanceof MapNode d) {
        String source = Attrs.text(d, "source").orElse("");
        out.add(
            new HostOptions.Device(
                source,
                Attrs.text(d, "target").orElse(source),
                Attrs.text(d, "permissions").orElse("rwm")));
      }
    }
    return out;
  }

  private static HostOptions.Logging logging(MapNode a) {
    MapNode logging = Attrs.map(a, "logging");
    if (logging == null) {
      return null;
    }
    Map<String, String> options = new LinkedHashMap<>();
    Attrs.strings(logging, "options").forEach((k, v) -> options.put(k, v == null ? "" : v));
    return new HostOptions.Logging(Attrs.text(logging, "driver").orElse(""), options);
  }

  /**
   * As compose: {@code service[:alias]} links every container of that service under the alias (the
   * service name when none), seen from this container only.
   */
  private static List<String> links(Project project, MapNode a) {
    List<String> out = new ArrayList<>();
    for (String link : orEmpty(Attrs.list(a, "links"))) {
      String[] parts = link.split(":", 2);
      String alias = parts.length == 2 ? parts[1] : parts[0];
      Optional<Service> linked = project.service(parts[0]);
      int replicas = linked.map(ContainerSpecs::replicas).orElse(1);
      for (int i = 1; i <= replicas; i++) {
        out.add(Labels.containerName(project.name(), parts[0], i) + ":" + alias);
      }
    }
    return out;
  }

  /** {@code service[:ro|rw]} or {@code container:name[:ro|rw]}, as the engine's container names. */
  private static List<String> volumesFrom(Project project, MapNode a) {
    List<String> out = new ArrayList<>();
    for (String from : orEmpty(Attrs.list(a, "volumes_from"))) {
      if (from.startsWith("container:")) {
        out.add(from.substring("container:".length()));
      } else {
        String[] parts = from.split(":", 2);
        String name = Labels.containerName(project.name(), parts[0], 1);
        out.add(parts.length == 2 ? name + ":" + parts[1] : name);
      }
    }
    return out;
  }

  /** {@code host}, {@code private}, {@code shareable}, {@code container:x} or {@code service:x}. */
  private static String namespace(Project project, MapNode a, String key) {
    return Attrs.text(a, key)
        .map(
            m ->
                m.startsWith("service:")
                    ? "container:" + Labels.containerName(project.name(), m.substring(8), 1)
                    : m)
        .orElse(null);
  }

  private static Long nanoCpus(MapNode m, String key, String where) throws BerthException {
    Optional<String> text = Attrs.text(m, key);
    if (text.isEmpty()) {
      return null;
    }
    try {
      double cpus = Double.parseDouble(text.get());
      return cpus == 0 ? null : Math.round(cpus * 1e9);
    } catch (NumberFormatException e) {
      throw new BerthException(
          ErrorKind.INVALID_ARGUMENT, where + key + ": not a number of CPUs: " + text.get());
    }
  }

  /** A whole number (sizes are already bytes in the canonical model); 0 and absent are null. */
  private static Long number(MapNode m, String key, String where) throws BerthException {
    Long v = parse(Attrs.text(m, key), where + key);
    return v == null || v == 0 ? null : v;
  }

  private static Long parse(Optional<String> text, String what) throws BerthException {
    if (text.isEmpty()) {
      return null;
    }
    String t = text.get().strip();
    if (t.equals("unlimited")) {
      return -1L;
    }
    try {
      return Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new BerthException(ErrorKind.INVALID_ARGUMENT, what + ": not a whole number: " + t);
    }
  }

  private static long required(Long v, String what) throws BerthException {
    if (v == null) {
      throw new BerthException(ErrorKind.INVALID_ARGUMENT, what + " is missing");
    }
    return v;
  }

  private static Long first(Long a, Long b) {
    return a != null ? a : b;
  }

  private static Map<String, String> nonNull(Map<String, String> map) {
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, v == null ? "" : v));
    return out;
  }

  private static List<String> orEmpty(List<String> list) {
    return list == null ? List.of() : list;
  }
}
