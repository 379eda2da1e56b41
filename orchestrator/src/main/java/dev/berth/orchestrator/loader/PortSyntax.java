package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Mark;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Long syntax for ports, expose, service networks and extra_hosts. */
final class PortSyntax {
  private PortSyntax() {}

  static Node ports(Node v, String path) throws BerthException {
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

  static MapNode longPort(MapNode m) {
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

  static Node expose(Node v) {
    if (!(v instanceof SeqNode seq)) {
      return v;
    }
    List<Node> out = new ArrayList<>();
    for (Node n : seq.items()) {
      out.add(Canonicalizer.scalarToString(n));
    }
    return Nodes.seq(out, seq.mark());
  }

  static Node serviceNetworks(Node v) {
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
    if (v instanceof MapNode m) {
      return m.mapValues(
          (k, x) -> {
            MapNode attachment = Nodes.mapOrNull(x);
            if (attachment == null || !attachment.has("driver_opts")) {
              return x;
            }
            try {
              return attachment.with(
                  "driver_opts", Canonicalizer.toMapping(attachment.get("driver_opts"), k));
            } catch (BerthException e) {
              return x;
            }
          });
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
}
