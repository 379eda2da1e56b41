package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Mark;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.orchestrator.model.TaggedNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites one file's short syntax into the long syntax (ports, volumes, depends_on, environment,
 * ...), keeping {@code !reset}/{@code !override} tags in place for the merge.
 */
final class Canonicalizer {
  private static final Set<String> MAPPINGS =
      Set.of("environment", "labels", "annotations", "sysctls", "storage_opt", "driver_opts");
  private static final Set<String> STRING_LISTS =
      Set.of("dns", "dns_search", "tmpfs", "label_file");
  private static final Set<String> DURATIONS =
      Set.of("stop_grace_period", "interval", "timeout", "start_period", "start_interval");
  private static final Set<String> BYTES =
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

  private static Node retag(Node n, Fn1 fn) throws BerthException {
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
      return duration(v, path);
    }
    if (BYTES.contains(key)) {
      return bytes(v, path);
    }
    switch (key) {
      case "build":
        return build(v, path);
      case "command":
      case "entrypoint":
        return command(v, path);
      case "depends_on":
        return dependsOn(v);
      case "env_file":
        return envFile(v);
      case "ports":
        return ports(v, path);
      case "expose":
        return expose(v);
      case "volumes":
        return volumes(v, path);
      case "secrets":
      case "configs":
        return fileRefs(v);
      case "networks":
      case "models":
        return serviceNetworks(v);
      case "blkio_config":
        return blkio(v, path);
      case "gpus":
        return deviceRequests(v, path);
      case "extra_hosts":
        return extraHosts(v, path);
      case "healthcheck":
        return healthcheck(v, path);
      case "devices":
        return devices(v, path);
      case "deploy":
        return deploy(v, path);
      case "logging":
      case "ulimits":
        return v;
      case "extends":
        return Nodes.untag(v) instanceof ScalarNode s ? Nodes.map(s.mark(), "service", s) : v;
      case "cpus":
        return cpus(v);
      case "pull_policy":
        return v;
      case "post_start":
      case "pre_stop":
      case "pre_start":
        return hooks(v, path);
      case "develop":
        return develop(v);
      default:
        return v;
    }
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

  private static Node ssh(Node v) {
    if (v instanceof MapNode m) {
      List<Node> out = new ArrayList<>();
      m.entries()
          .forEach(
              (k, x) ->
                  out.add(Nodes.str(Nodes.isNull(x) ? k : k + "=" + Nodes.text(x), x.mark())));
      return Nodes.seq(out, m.mark());
    }
    return toList(v);
  }

  private static Node blkio(Node v, String path) throws BerthException {
    MapNode m = Nodes.mapOrNull(v);
    if (m == null) {
      return v;
    }
    for (String k :
        List.of("device_read_bps", "device_write_bps", "device_read_iops", "device_write_iops")) {
      if (Nodes.untag(m.get(k)) instanceof SeqNode seq) {
        List<Node> out = new ArrayList<>();
        for (Node d : seq.items()) {
          MapNode dm = Nodes.mapOrNull(d);
          if (dm != null && dm.has("rate")) {
            dm = dm.with("rate", bytes(dm.get("rate"), path + "." + k + ".rate"));
          }
          out.add(dm == null ? d : dm);
        }
        m = m.with(k, Nodes.seq(out, seq.mark()));
      }
    }
    return m;
  }

  private static Node deviceRequests(Node v, String path) throws BerthException {
    if (!(v instanceof SeqNode seq)) {
      return v;
    }
    List<Node> out = new ArrayList<>();
    for (Node d : seq.items()) {
      MapNode dm = Nodes.mapOrNull(d);
      if (dm != null && dm.has("options")) {
        dm = dm.with("options", toMapping(dm.get("options"), path + ".options"));
      }
      out.add(dm == null ? d : dm);
    }
    return Nodes.seq(out, seq.mark());
  }

  private static Node fileMode(Node v) {
    if (!(Nodes.untag(v) instanceof ScalarNode s) || s.isNull()) {
      return v;
    }
    String t = s.text();
    try {
      int mode;
      if (t.startsWith("0o") || t.startsWith("0O")) {
        mode = Integer.parseInt(t.substring(2), 8);
      } else if (t.startsWith("0") && t.length() > 1) {
        mode = Integer.parseInt(t.substring(1), 8);
      } else if (s.kind() == ScalarNode.Kind.INT) {
        mode = Integer.parseInt(t);
      } else {
        mode = Integer.parseInt(t, 8);
      }
      return Nodes.str(String.format("0%03o", mode), s.mark());
    } catch (NumberFormatException e) {
      return v;
    }
  }

  private static Node scalarToString(Node x) {
    if (x instanceof ScalarNode s && !s.isNull() && s.kind() != ScalarNode.Kind.STRING) {
      return Nodes.str(s.text(), s.mark());
    }
    return x;
  }

  private static Node toList(Node v) {
    v = Nodes.untag(v);
    if (v instanceof ScalarNode s && s.text().isEmpty()) {
      return Nodes.seq(List.of(), s.mark());
    }
    if (v instanceof ScalarNode s) {
      return Nodes.seq(List.of(s), s.mark());
    }
    return v;
  }

  private static Node duration(Node v, String path) throws BerthException {
    String t = Nodes.text(v);
    if (t == null || !(Nodes.untag(v) instanceof ScalarNode s)) {
      return v;
    }
    try {
      long nanos =
          s.kind() == ScalarNode.Kind.INT
              ? Long.parseLong(t) * 1_000_000_000L
              : Units.parseDuration(t);
      return Nodes.str(Units.formatDuration(nanos), v.mark());
    } catch (IllegalArgumentException e) {
      throw Nodes.error(v.mark(), path, "invalid duration \"" + t + "\"");
    }
  }

  private static Node bytes(Node v, String path) throws BerthException {
    String t = Nodes.text(v);
    if (t == null || !(Nodes.untag(v) instanceof ScalarNode)) {
      return v;
    }
    try {
      return Nodes.str(Long.toString(Units.parseBytes(t)), v.mark());
    } catch (IllegalArgumentException e) {
      throw Nodes.error(v.mark(), path, "invalid size: '" + t + "'");
    }
  }

  private static Node cpus(Node v) {
    if (Nodes.untag(v) instanceof ScalarNode s && !s.isNull()) {
      try {
        double d = Double.parseDouble(s.text());
        return new ScalarNode(formatFloat(d), ScalarNode.Kind.FLOAT, s.mark());
      } catch (NumberFormatException e) {
        return v;
      }
    }
    return v;
  }

  static String formatFloat(double d) {
    if (d == Math.rint(d) && !Double.isInfinite(d)) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  private static Node build(Node v, String path) throws BerthException {
    if (v instanceof ScalarNode s) {
      return Nodes.map(s.mark(), "context", s);
    }
    MapNode m = Nodes.mapOrNull(v);
    if (m == null) {
      return v;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (var e : m.entries().entrySet()) {
      String k = e.getKey();
      Node x = e.getValue();
      String p = path + "." + k;
      switch (k) {
        case "args" -> x = retag(x, y -> toMapping(y, p, true));
        case "labels", "additional_contexts" -> x = retag(x, y -> toMapping(y, p));
        case "sbom", "provenance" -> x = retag(x, Canonicalizer::scalarToString);
        case "ssh" -> x = retag(x, Canonicalizer::ssh);
        case "extra_hosts" -> x = retag(x, y -> extraHosts(y, p));
        case "shm_size" -> x = retag(x, y -> bytes(y, p));
        case "secrets" -> x = retag(x, Canonicalizer::fileRefs);
        case "cache_from", "cache_to", "tags", "platforms" -> x = retag(x, Canonicalizer::toList);
        default -> {}
      }
      out.put(k, x);
    }
    return new MapNode(out, m.keyMarks(), m.mark());
  }

  private static Node command(Node v, String path) throws BerthException {
    if (v instanceof ScalarNode s && !s.isNull()) {
      List<Node> words = new ArrayList<>();
      try {
        for (String w : ShellWords.split(s.text())) {
          words.add(Nodes.str(w, s.mark()));
        }
      } catch (IllegalArgumentException e) {
        throw Nodes.error(s.mark(), path, e.getMessage());
      }
      return Nodes.seq(words, s.mark());
    }
    if (v instanceof SeqNode seq) {
      List<Node> words = new ArrayList<>();
      for (Node n : seq.items()) {
        words.add(scalarToString(n));
      }
      return Nodes.seq(words, seq.mark());
    }
    return v;
  }

  private static Node dependsOn(Node v) {
    if (v instanceof SeqNode seq) {
      Map<String, Node> out = new LinkedHashMap<>();
      for (Node item : seq.items()) {
        String name = Nodes.text(item);
        if (name != null) {
          out.put(
              name,
              Nodes.map(
                  item.mark(),
                  "condition",
                  Nodes.str("service_started", item.mark()),
                  "required",
                  Nodes.bool(true, item.mark())));
        }
      }
      return new MapNode(out, seq.mark());
    }
    if (v instanceof MapNode m) {
      return m.mapValues(
          (k, x) -> {
            MapNode d = Nodes.mapOrNull(x);
            if (d == null) {
              d = MapNode.empty(x.mark());
            }
            if (!d.has("condition")) {
              d = d.with("condition", Nodes.str("service_started", x.mark()));
            }
            if (!d.has("required")) {
              d = d.with("required", Nodes.bool(true, x.mark()));
            }
            return d;
          });
    }
    return v;
  }

  private static Node envFile(Node v) {
    List<Node> items = new ArrayList<>();
    SeqNode seq = v instanceof SeqNode s ? s : Nodes.seq(List.of(v), v.mark());
    for (Node item : seq.items()) {
      if (item instanceof ScalarNode s) {
        items.add(Nodes.map(s.mark(), "path", s, "required", Nodes.bool(true, s.mark())));
      } else if (item instanceof MapNode m) {
        items.add(m.has("required") ? m : m.with("required", Nodes.bool(true, m.mark())));
      } else {
        items.add(item);
      }
    }
    return Nodes.seq(items, v.mark());
  }

  private static Node ports(Node v, String path) throws BerthException {
    if (!(v instanceof SeqNode seq)) {
      return v;
    }
    List<Node> items = new ArrayList<>();
    for (int i = 0; i < seq.size(); i++) {
      Node item = seq.get(i);
      String p = path + "[" + i + "]";
      if (item instanceof ScalarNode s && !s.isNull() && s.text().contains("$")) {
        items.add(item);
      } else if (item instanceof ScalarNode s && !s.isNull()) {
        items.addAll(PortSpec.parse(s.text(), s.mark(), p));
      } else if (item instanceof MapNode m) {
        items.add(longPort(m));
      } else {
        items.add(item);
      }
    }
    return Nodes.seq(items, seq.mark());
  }

  private static MapNode longPort(MapNode m) {
    Mark mk = m.mark();
    Node published = m.get("published");
    if (published instanceof ScalarNode s && !s.isNull()) {
      published = Nodes.str(s.text(), s.mark());
    }
    Node target = m.get("target");
    MapNode out = m;
    if (published != null) {
      out = out.with("published", published);
    }
    if (!out.has("mode")) {
      out = out.with("mode", Nodes.str("ingress", mk));
    }
    if (!out.has("protocol")) {
      out = out.with("protocol", Nodes.str("tcp", mk));
    }
    if (target instanceof ScalarNode t && t.kind() == ScalarNode.Kind.STRING) {
      try {
        out = out.with("target", Nodes.num(Long.parseLong(t.text()), t.mark()));
      } catch (NumberFormatException e) {
        // left for the schema check
      }
    }
    return out;
  }

  private static Node expose(Node v) {
    if (!(v instanceof SeqNode seq)) {
      return v;
    }
    List<Node> out = new ArrayList<>();
    for (Node n : seq.items()) {
      out.add(scalarToString(n));
    }
    return Nodes.seq(out, seq.mark());
  }

  private static Node volumes(Node v, String path) throws BerthException {
    if (!(v instanceof SeqNode seq)) {
      return v;
    }
    List<Node> items = new ArrayList<>();
    for (int i = 0; i < seq.size(); i++) {
      Node item = seq.get(i);
      if (item instanceof ScalarNode s && !s.isNull()) {
        items.add(VolumeSpec.parse(s.text(), s.mark(), path + "[" + i + "]"));
      } else if (item instanceof MapNode m) {
        items.add(longVolume(m, path + "[" + i + "]"));
      } else {
        items.add(item);
      }
    }
    return Nodes.seq(items, seq.mark());
  }

  private static MapNode longVolume(MapNode m, String path) throws BerthException {
    if (Nodes.text(m, "target") == null) {
      throw Nodes.error(m.mark(), path, "service volume is missing a mount target");
    }
    MapNode out = m;
    MapNode t = Nodes.mapOrNull(m.get("tmpfs"));
    if (t != null && t.has("size")) {
      Node size = t.get("size");
      if (Nodes.untag(size) instanceof ScalarNode s && !s.isNull()) {
        out = out.with("tmpfs", t.with("size", bytes(size, path + ".tmpfs.size")));
      }
    }
    return out;
  }

  static Node fileRefs(Node v) {
    if (!(v instanceof SeqNode seq)) {
      return v;
    }
    List<Node> items = new ArrayList<>();
    for (Node item : seq.items()) {
      if (item instanceof ScalarNode s && !s.isNull()) {
        items.add(Nodes.map(s.mark(), "source", s));
      } else if (item instanceof MapNode m && m.has("mode")) {
        items.add(m.with("mode", fileMode(m.get("mode"))));
      } else {
        items.add(item);
      }
    }
    return Nodes.seq(items, seq.mark());
  }

  private static Node serviceNetworks(Node v) {
    if (v instanceof SeqNode seq) {
      Map<String, Node> out = new LinkedHashMap<>();
      for (Node item : seq.items()) {
        String name = Nodes.text(item);
        if (name != null) {
          out.put(name, ScalarNode.nul(item.mark()));
        }
      }
      return new MapNode(out, seq.mark());
    }
    return v;
  }

  static Node extraHosts(Node v, String path) throws BerthException {
    List<Node> out = new ArrayList<>();
    if (v instanceof MapNode m) {
      for (var e : m.entries().entrySet()) {
        Node x = e.getValue();
        if (Nodes.untag(x) instanceof SeqNode s) {
          for (Node ip : s.items()) {
            out.add(Nodes.str(e.getKey() + "=" + Nodes.text(ip), ip.mark()));
          }
        } else {
          out.add(Nodes.str(e.getKey() + "=" + Nodes.text(x), x.mark()));
        }
      }
      return Nodes.seq(out, m.mark());
    }
    if (!(v instanceof SeqNode seq)) {
      return v;
    }
    for (Node item : seq.items()) {
      String s = Nodes.text(item);
      if (s == null) {
        continue;
      }
      int eq = s.indexOf('=');
      if (eq < 0) {
        eq = s.indexOf(':');
      }
      if (eq < 0) {
        throw Nodes.error(item.mark(), path, "invalid additional host, missing IP: \"" + s + "\"");
      }
      String host = s.substring(0, eq);
      String ip = s.substring(eq + 1);
      if (ip.startsWith("[") && ip.endsWith("]")) {
        ip = ip.substring(1, ip.length() - 1);
      }
      out.add(Nodes.str(host + "=" + ip, item.mark()));
    }
    return Nodes.seq(out, seq.mark());
  }

  private static Node healthcheck(Node v, String path) throws BerthException {
    MapNode m = Nodes.mapOrNull(v);
    if (m == null) {
      return v;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (var e : m.entries().entrySet()) {
      String k = e.getKey();
      Node x = e.getValue();
      if (k.equals("test")) {
        x =
            retag(
                x,
                y ->
                    y instanceof ScalarNode s && !s.isNull()
                        ? Nodes.seq(List.of(Nodes.str("CMD-SHELL", s.mark()), s), s.mark())
                        : y);
      } else if (DURATIONS.contains(k)) {
        x = retag(x, y -> duration(y, path + "." + k));
      }
      out.put(k, x);
    }
    return new MapNode(out, m.keyMarks(), m.mark());
  }

  private static Node devices(Node v, String path) throws BerthException {
    if (!(v instanceof SeqNode seq)) {
      return v;
    }
    List<Node> out = new ArrayList<>();
    for (Node item : seq.items()) {
      if (item instanceof ScalarNode s && !s.isNull()) {
        String[] parts = s.text().split(":", -1);
        String src = parts[0];
        String dst = parts.length > 1 ? parts[1] : parts[0];
        String perm = parts.length > 2 ? parts[2] : "rwm";
        if (parts.length == 2 && parts[1].matches("[rwm]+") && !parts[1].startsWith("/")) {
          dst = src;
          perm = parts[1];
        }
        out.add(
            Nodes.map(
                s.mark(),
                "source",
                Nodes.str(src, s.mark()),
                "target",
                Nodes.str(dst, s.mark()),
                "permissions",
                Nodes.str(perm, s.mark())));
      } else {
        out.add(item);
      }
    }
    return Nodes.seq(out, seq.mark());
  }

  private static Node deploy(Node v, String path) throws BerthException {
    MapNode m = Nodes.mapOrNull(v);
    if (m == null) {
      return v;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (var e : m.entries().entrySet()) {
      String k = e.getKey();
      Node x = e.getValue();
      String p = path + "." + k;
      switch (k) {
        case "labels" -> x = retag(x, y -> toMapping(y, p));
        case "resources" -> x = retag(x, y -> resources(y, p));
        case "restart_policy", "update_config", "rollback_config" ->
            x = retag(x, y -> durationsIn(y, p, Set.of("delay", "window", "monitor")));
        default -> {}
      }
      out.put(k, x);
    }
    return new MapNode(out, m.keyMarks(), m.mark());
  }

  private static Node durationsIn(Node v, String path, Set<String> keys) throws BerthException {
    MapNode m = Nodes.mapOrNull(v);
    if (m == null) {
      return v;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (var e : m.entries().entrySet()) {
      Node x = e.getValue();
      if (keys.contains(e.getKey()) && !Nodes.isNull(x)) {
        x = duration(x, path + "." + e.getKey());
      }
      out.put(e.getKey(), x);
    }
    return new MapNode(out, m.keyMarks(), m.mark());
  }

  private static Node resources(Node v, String path) throws BerthException {
    MapNode m = Nodes.mapOrNull(v);
    if (m == null) {
      return v;
    }
    Map<String, Node> out = new LinkedHashMap<>();
    for (var e : m.entries().entrySet()) {
      Node x = e.getValue();
      MapNode r = Nodes.mapOrNull(x);
      if (r != null) {
        if (r.has("memory") && !Nodes.isNull(r.get("memory"))) {
          r = r.with("memory", bytes(r.get("memory"), path + "." + e.getKey() + ".memory"));
        }
        if (r.has("cpus")) {
          r = r.with("cpus", cpus(r.get("cpus")));
        }
        if (r.has("devices")) {
          r = r.with("devices", deviceRequests(Nodes.untag(r.get("devices")), path));
        }
        x = r;
      }
      out.put(e.getKey(), x);
    }
    return new MapNode(out, m.keyMarks(), m.mark());
  }

  private static Node develop(Node v) {
    MapNode m = Nodes.mapOrNull(v);
    if (m == null || !(Nodes.untag(m.get("watch")) instanceof SeqNode watch)) {
      return v;
    }
    List<Node> out = new ArrayList<>();
    for (Node w : watch.items()) {
      MapNode wm = Nodes.mapOrNull(w);
      if (wm != null) {
        for (String k : List.of("ignore", "include")) {
          if (wm.has(k)) {
            wm = wm.with(k, toList(wm.get(k)));
          }
        }
      }
      out.add(wm == null ? w : wm);
    }
    return m.with("watch", Nodes.seq(out, watch.mark()));
  }

  private static Node hooks(Node v, String path) throws BerthException {
    if (!(v instanceof SeqNode seq)) {
      return v;
    }
    List<Node> out = new ArrayList<>();
    for (int i = 0; i < seq.size(); i++) {
      MapNode m = Nodes.mapOrNull(seq.get(i));
      if (m == null) {
        out.add(seq.get(i));
        continue;
      }
      String p = path + "[" + i + "]";
      if (m.has("command")) {
        m = m.with("command", command(m.get("command"), p + ".command"));
      }
      if (m.has("environment")) {
        m = m.with("environment", toMapping(m.get("environment"), p + ".environment"));
      }
      out.add(m);
    }
    return Nodes.seq(out, seq.mark());
  }
}
