package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Long syntax for healthcheck, deploy, resources, device requests and blkio. */
final class RuntimeSyntax {
  private RuntimeSyntax() {}

  static Node blkio(Node v, String path) throws BerthException {
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
            dm = dm.with("rate", UnitSyntax.bytes(dm.get("rate"), path + "." + k + ".rate"));
          }
          out.add(dm == null ? d : dm);
        }
        m = m.with(k, Nodes.seq(out, seq.mark()));
      }
    }
    return m;
  }

  static Node deviceRequests(Node v, String path) throws BerthException {
    if (!(v instanceof SeqNode seq)) {
      return v;
    }
    List<Node> out = new ArrayList<>();
    for (Node d : seq.items()) {
      MapNode dm = Nodes.mapOrNull(d);
      if (dm != null && dm.has("options")) {
        dm = dm.with("options", Canonicalizer.toMapping(dm.get("options"), path + ".options"));
      }
      out.add(dm == null ? d : dm);
    }
    return Nodes.seq(out, seq.mark());
  }

  static Node healthcheck(Node v, String path) throws BerthException {
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
            Canonicalizer.retag(
                x,
                y ->
                    y instanceof ScalarNode s && !s.isNull()
                        ? Nodes.seq(List.of(Nodes.str("CMD-SHELL", s.mark()), s), s.mark())
                        : y);
      } else if (Canonicalizer.DURATIONS.contains(k)) {
        x = Canonicalizer.retag(x, y -> UnitSyntax.duration(y, path + "." + k));
      }
      out.put(k, x);
    }
    return new MapNode(out, m.keyMarks(), m.mark());
  }

  static Node deploy(Node v, String path) throws BerthException {
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
        case "labels" -> x = Canonicalizer.retag(x, y -> Canonicalizer.toMapping(y, p));
        case "resources" -> x = Canonicalizer.retag(x, y -> resources(y, p));
        case "restart_policy", "update_config", "rollback_config" ->
            x =
                Canonicalizer.retag(
                    x, y -> UnitSyntax.durationsIn(y, p, Set.of("delay", "window", "monitor")));
        default -> {}
      }
      out.put(k, x);
    }
    return new MapNode(out, m.keyMarks(), m.mark());
  }

  static Node resources(Node v, String path) throws BerthException {
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
          r =
              r.with(
                  "memory", UnitSyntax.bytes(r.get("memory"), path + "." + e.getKey() + ".memory"));
        }
        if (r.has("cpus")) {
          r = r.with("cpus", UnitSyntax.cpus(r.get("cpus")));
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
}
