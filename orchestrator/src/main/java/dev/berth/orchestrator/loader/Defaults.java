package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Default values the reference fills in after merging: build context, secret targets, bind {@code
 * create_host_path}, device-request counts, gpus and ssh shapes.
 */
final class Defaults {
  private Defaults() {}

  static MapNode apply(MapNode root) {
    MapNode services = Nodes.mapOrNull(root.get("services"));
    if (services == null) {
      return root;
    }
    return root.with("services", services.mapValues((k, v) -> service(v)));
  }

  private static Node service(Node v) {
    MapNode s = Nodes.mapOrNull(v);
    if (s == null) {
      return v;
    }
    MapNode build = Nodes.mapOrNull(s.get("build"));
    if (build != null) {
      if (!build.has("context")) {
        build = build.with("context", Nodes.str(".", build.mark()));
      }
      if (Nodes.untag(build.get("ssh")) instanceof SeqNode ssh) {
        Map<String, Node> keys = new LinkedHashMap<>();
        for (Node n : ssh.items()) {
          String t = Nodes.text(n);
          if (t == null) {
            continue;
          }
          int eq = t.indexOf('=');
          keys.put(
              eq < 0 ? t : t.substring(0, eq),
              eq < 0 ? ScalarNode.nul(n.mark()) : Nodes.str(t.substring(eq + 1), n.mark()));
        }
        build = build.with("ssh", new MapNode(keys, ssh.mark()));
      }
      s = s.with("build", build);
    }
    s = eachItem(s, "secrets", Defaults::secret);
    s = eachItem(s, "volumes", Defaults::volume);
    if (Nodes.text(s, "gpus") != null) {
      s =
          s.with(
              "gpus",
              Nodes.seq(List.of(Nodes.map(s.mark(), "count", Nodes.num(-1, s.mark()))), s.mark()));
    } else {
      s = eachItem(s, "gpus", Defaults::deviceRequest);
    }
    MapNode deploy = Nodes.mapOrNull(s.get("deploy"));
    MapNode res = deploy == null ? null : Nodes.mapOrNull(deploy.get("resources"));
    MapNode rsv = res == null ? null : Nodes.mapOrNull(res.get("reservations"));
    if (rsv != null) {
      rsv = eachItem(rsv, "devices", Defaults::deviceRequest);
      s = s.with("deploy", deploy.with("resources", res.with("reservations", rsv)));
    }
    return s;
  }

  private static MapNode eachItem(MapNode m, String key, java.util.function.UnaryOperator<Node> f) {
    if (!(Nodes.untag(m.get(key)) instanceof SeqNode seq)) {
      return m;
    }
    List<Node> out = new ArrayList<>();
    for (Node n : seq.items()) {
      out.add(f.apply(n));
    }
    return m.with(key, new SeqNode(out, seq.mark()));
  }

  private static Node secret(Node n) {
    if (n instanceof MapNode m && !m.has("target")) {
      return m.with("target", Nodes.str("/run/secrets/" + Nodes.text(m, "source"), m.mark()));
    }
    return n;
  }

  private static Node volume(Node n) {
    if (n instanceof MapNode m && "bind".equals(Nodes.text(m, "type"))) {
      MapNode bind = Nodes.mapOrNull(m.get("bind"));
      if (bind == null) {
        bind = MapNode.empty(m.mark());
      }
      if (!bind.has("create_host_path")) {
        bind = bind.with("create_host_path", Nodes.bool(true, m.mark()));
      }
      return m.with("bind", bind);
    }
    return n;
  }

  private static Node deviceRequest(Node n) {
    if (!(n instanceof MapNode m)) {
      return n;
    }
    if (!m.has("count") && !m.has("device_ids")) {
      return m.with("count", Nodes.num(-1, m.mark()));
    }
    if ("all".equals(Nodes.text(m, "count"))) {
      return m.with("count", Nodes.num(-1, m.mark()));
    }
    return m;
  }
}
