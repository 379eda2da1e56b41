package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.SeqNode;
import java.util.ArrayList;
import java.util.List;

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
      build = sortHosts(build);
      s = s.with("build", build);
    }
    s = sortHosts(s);
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

  /** extra_hosts as the reference keeps them: grouped by host name, hosts sorted, no repeats. */
  private static MapNode sortHosts(MapNode m) {
    if (!(Nodes.untag(m.get("extra_hosts")) instanceof SeqNode seq)) {
      return m;
    }
    java.util.TreeMap<String, List<Node>> byHost = new java.util.TreeMap<>();
    for (Node n : seq.items()) {
      String t = Nodes.text(n);
      if (t == null) {
        continue;
      }
      int eq = t.indexOf('=');
      String host = eq < 0 ? t : t.substring(0, eq);
      List<Node> list = byHost.computeIfAbsent(host, k -> new ArrayList<>());
      if (!list.contains(n)) {
        list.add(n);
      }
    }
    List<Node> out = new ArrayList<>();
    byHost.values().forEach(out::addAll);
    return m.with("extra_hosts", new SeqNode(out, seq.mark()));
  }

  /** Configs and secrets read from the environment get their content filled in. */
  static MapNode contents(MapNode root, java.util.Map<String, String> env) {
    for (String section : List.of("configs", "secrets")) {
      MapNode res = Nodes.mapOrNull(root.get(section));
      if (res == null) {
        continue;
      }
      root =
          root.with(
              section,
              res.mapValues(
                  (k, v) -> {
                    MapNode r = Nodes.mapOrNull(v);
                    String var = r == null ? null : Nodes.text(r, "environment");
                    if (var == null || r.has("content") || env.get(var) == null) {
                      return v;
                    }
                    return r.with("content", Nodes.str(env.get(var), r.mark()));
                  }));
    }
    return root;
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
        return n;
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
    String count = Nodes.text(m, "count");
    if ("all".equalsIgnoreCase(count)) {
      return m.with("count", Nodes.num(-1, m.mark()));
    }
    if (count != null && count.matches("-?[0-9]+")) {
      return m.with("count", Nodes.num(Long.parseLong(count), m.mark()));
    }
    return m;
  }
}
