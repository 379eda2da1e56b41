package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.SeqNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Removes duplicate entries from sequences whose items have a key; the later entry wins. */
final class Unicity {
  private static final Map<PathPattern, Function<Node, String>> KEYS = new LinkedHashMap<>();

  static {
    Function<Node, String> value = Unicity::valueKey;
    for (String p :
        List.of(
            "services.*.build.tags",
            "services.*.cap_add",
            "services.*.cap_drop",
            "services.*.dns",
            "services.*.dns_opt",
            "services.*.dns_search",
            "services.*.links",
            "services.*.networks.*.aliases",
            "services.*.networks.*.link_local_ips",
            "services.*.profiles",
            "services.*.tmpfs",
            "services.*.expose")) {
      KEYS.put(PathPattern.of(p), value);
    }
    KEYS.put(PathPattern.of("services.*.devices"), n -> field(n, "target"));
    KEYS.put(PathPattern.of("services.*.volumes"), n -> field(n, "target"));
    KEYS.put(PathPattern.of("services.*.env_file"), n -> field(n, "path"));
    KEYS.put(PathPattern.of("services.*.configs"), n -> mount(n, ""));
    KEYS.put(PathPattern.of("services.*.secrets"), n -> mount(n, "/run/secrets"));
    KEYS.put(PathPattern.of("services.*.ports"), Unicity::portKey);
  }

  private Unicity() {}

  /** The tree with duplicates removed. */
  static MapNode apply(MapNode root) {
    return (MapNode) walk(root, new ArrayList<>());
  }

  private static Node walk(Node n, List<String> path) {
    if (n instanceof MapNode m) {
      return m.mapValues(
          (k, v) -> {
            path.add(k);
            Node out = walk(v, path);
            path.remove(path.size() - 1);
            return out;
          });
    }
    if (n instanceof SeqNode s) {
      for (var e : KEYS.entrySet()) {
        if (e.getKey().matches(path)) {
          return dedupe(s, e.getValue());
        }
      }
    }
    return n;
  }

  private static SeqNode dedupe(SeqNode s, Function<Node, String> key) {
    List<Node> out = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (Node item : s.items()) {
      String k = key.apply(item);
      Integer at = k == null ? null : seen.get(k);
      if (at != null) {
        out.set(at, item);
      } else {
        out.add(item);
        if (k != null) {
          seen.put(k, out.size() - 1);
        }
      }
    }
    return new SeqNode(out, s.mark());
  }

  private static String valueKey(Node n) {
    String t = Nodes.text(n);
    if (t == null) {
      return null;
    }
    int eq = t.indexOf('=');
    return eq >= 0 ? t.substring(0, eq) : t;
  }

  private static String field(Node n, String key) {
    return n instanceof MapNode m ? Nodes.text(m, key) : Nodes.text(n);
  }

  private static String mount(Node n, String prefix) {
    if (n instanceof MapNode m) {
      String target = Nodes.text(m, "target");
      return target != null ? target : prefix + "/" + Nodes.text(m, "source");
    }
    return prefix + "/" + Nodes.text(n);
  }

  private static String portKey(Node n) {
    if (!(n instanceof MapNode m)) {
      return Nodes.text(n);
    }
    String host = Nodes.text(m, "host_ip");
    String published = Nodes.text(m, "published");
    String protocol = Nodes.text(m, "protocol");
    return (host == null ? "0.0.0.0" : host)
        + ":"
        + (published == null ? "" : published)
        + ":"
        + Nodes.text(m, "target")
        + "/"
        + (protocol == null ? "tcp" : protocol);
  }
}
