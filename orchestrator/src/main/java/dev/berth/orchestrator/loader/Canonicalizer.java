package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.orchestrator.model.TaggedNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites one file's short syntax into the long syntax (ports, volumes, depends_on, environment,
 * ...), keeping {@code !reset}/{@code !override} tags in place for the merge.
 */
final class Canonicalizer {
  static final Set<String> MAPPINGS =
      Set.of("environment", "labels", "annotations", "sysctls", "storage_opt", "driver_opts");

  static final Set<String> STRING_LISTS = Set.of("dns", "dns_search", "tmpfs", "label_file");

  static final Set<String> DURATIONS =
      Set.of("stop_grace_period", "interval", "timeout", "start_period", "start_interval");

  static final Set<String> BYTES =
      Set.of(
          "mem_limit", "mem_reservation", "memswap_limit", "shm_size", "memory", "mem_swappiness");

  private Canonicalizer() {}

  /** The canonical copy of a whole file's tree. */
  static MapNode file(MapNode root) throws BerthException {
    Map<String, Node> out = new LinkedHashMap<>();
    for (var e : root.entries().entrySet()) {
      String key = e.getKey();
      Node v = e.getValue();
      switch (key) {
        case "services" -> out.put(key, eachEntry(v, key, Canonicalizer::service));
        case "networks", "volumes", "secrets", "configs" ->
            out.put(key, eachEntry(v, key, Canonicalizer::resource));
        default -> out.put(key, v);
      }
    }
    return new MapNode(out, root.keyMarks(), root.mark());
  }

  /** Applies {@code fn} to each value of a mapping section. */
  private static Node eachEntry(Node section, String path, Fn fn) throws BerthException {
    if (!(Nodes.untag(section) instanceof MapNode map)) {
      return section;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (var e : map.entries().entrySet()) {
      out.put(e.getKey(), retag(e.getValue(), n -> fn.apply(n, path + "." + e.getKey())));
    }
    return retag(section, n -> new MapNode(out, map.keyMarks(), map.mark()));
  }

  /** A node transformation that may fail. */
  interface Fn {
    Node apply(Node n, String path) throws BerthException;
  }

  /** A transformation of one value. */
  interface Fn1 {
    Node apply(Node n) throws BerthException;
  }

  static Node retag(Node n, Fn1 fn) throws BerthException {
    if (n instanceof TaggedNode t) {
      return new TaggedNode(t.tag(), fn.apply(t.value()));
    }
    return fn.apply(n);
  }

  private static Node resource(Node n, String path) throws BerthException {
    MapNode map = Nodes.mapOrNull(n);
    if (map == null) {
      return Nodes.isNull(n) ? MapNode.empty(n.mark()) : n;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (var e : map.entries().entrySet()) {
      String k = e.getKey();
      Node v = e.getValue();
      if (k.equals("labels") || k.equals("driver_opts")) {
        v = retag(v, x -> toMapping(x, path + "." + k));
      } else if (k.equals("ipam")) {
        v = retag(v, x -> options(x, path + ".ipam"));
      } else if (k.equals("external") && Nodes.untag(v) instanceof MapNode ext) {
        out.put("external", Nodes.bool(true, v.mark()));
        String extName = Nodes.text(ext, "name");
        String own = Nodes.text(map, "name");
        if (extName != null && own != null && !own.equals(extName)) {
          throw Nodes.error(
              v.mark(), "", path + ": name and external.name conflict; only use name");
        }
        if (extName != null) {
          out.put("name", ext.get("name"));
        }
        continue;
      }
      if (!out.containsKey(k)) {
        out.put(k, v);
      }
    }
    return new MapNode(out, map.keyMarks(), map.mark());
  }

  private static Node service(Node n, String path) throws BerthException {
    MapNode map = Nodes.mapOrNull(n);
    if (map == null) {
      return n;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (var e : map.entries().entrySet()) {
      String k = e.getKey();
      String p = path + "." + k;
      out.put(k, retag(e.getValue(), v -> serviceAttribute(k, v, p)));
    }
    return new MapNode(out, map.keyMarks(), map.mark());
  }

  private static Node serviceAttribute(String key, Node v, String path) throws BerthException {
    if (Nodes.isNull(v)) {
      return v;
    }
    if (key.equals("environment")) {
      return toMapping(v, path, true);
    }
    if (MAPPINGS.contains(key)) {
      return toMapping(v, path);
    }
    if (STRING_LISTS.contains(key)) {
      return toList(v);
    }
    if (DURATIONS.contains(key)) {
      return UnitSyntax.duration(v, path);
    }
    if (BYTES.contains(key)) {
      return UnitSyntax.bytes(v, path);
    }
    switch (key) {
      case "build":
        return BuildSyntax.build(v, path);
      case "command":
      case "entrypoint":
        return ProcessSyntax.command(v, path);
      case "depends_on":
        return ProcessSyntax.dependsOn(v);
      case "env_file":
        return ProcessSyntax.envFile(v);
      case "ports":
        return PortSyntax.ports(v, path);
      case "expose":
        return PortSyntax.expose(v);
      case "volumes":
        return MountSyntax.volumes(v, path);
      case "secrets":
      case "configs":
        return MountSyntax.fileRefs(v);
      case "networks":
      case "models":
        return PortSyntax.serviceNetworks(v);
      case "blkio_config":
        return RuntimeSyntax.blkio(v, path);
      case "gpus":
        return RuntimeSyntax.deviceRequests(v, path);
      case "extra_hosts":
        return PortSyntax.extraHosts(v, path);
      case "healthcheck":
        return RuntimeSyntax.healthcheck(v, path);
      case "devices":
        return MountSyntax.devices(v, path);
      case "deploy":
        return RuntimeSyntax.deploy(v, path);
      case "logging":
        return options(v, path);
      case "ulimits":
        return v;
      case "extends":
        return Nodes.untag(v) instanceof ScalarNode s ? Nodes.map(s.mark(), "service", s) : v;
      case "cpus":
        return UnitSyntax.cpus(v);
      case "pull_policy":
        return v;
      case "post_start":
      case "pre_stop":
      case "pre_start":
        return ProcessSyntax.hooks(v, path);
      case "develop":
        return ProcessSyntax.develop(v);
      default:
        return v;
    }
  }

  /** A block whose {@code options} are a string-to-string map, e.g. {@code logging}. */
  private static Node options(Node v, String path) throws BerthException {
    MapNode m = Nodes.mapOrNull(v);
    if (m == null || !m.has("options")) {
      return v;
    }
    return m.with("options", retag(m.get("options"), x -> toMapping(x, path + ".options")));
  }

  static Node toMapping(Node v, String path) throws BerthException {
    return toMapping(v, path, false);
  }

  /** List or map form to a map; {@code nullForBare}: a bare {@code KEY} maps to null, else "". */
  static Node toMapping(Node v, String path, boolean nullForBare) throws BerthException {
    v = Nodes.untag(v);
    if (v instanceof MapNode m) {
      return m.mapValues(
          (k, x) -> !nullForBare && Nodes.isNull(x) ? Nodes.str("", x.mark()) : scalarToString(x));
    }
    if (!(v instanceof SeqNode seq)) {
      return v;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (Node item : seq.items()) {
      String s = Nodes.text(item);
      if (s == null) {
        continue;
      }
      int eq = s.indexOf('=');
      if (eq < 0) {
        out.put(s, nullForBare ? ScalarNode.nul(item.mark()) : Nodes.str("", item.mark()));
      } else {
        out.put(s.substring(0, eq), Nodes.str(s.substring(eq + 1), item.mark()));
      }
    }
    return new MapNode(out, v.mark());
  }

  static Node scalarToString(Node x) {
    if (x instanceof ScalarNode s && !s.isNull() && s.kind() != ScalarNode.Kind.STRING) {
      return Nodes.str(s.text(), s.mark());
    }
    return x;
  }

  static Node toList(Node v) {
    v = Nodes.untag(v);
    if (v instanceof ScalarNode s && s.text().isEmpty()) {
      return Nodes.seq(List.of(), s.mark());
    }
    if (v instanceof ScalarNode s) {
      return Nodes.seq(List.of(s), s.mark());
    }
    return v;
  }
}
