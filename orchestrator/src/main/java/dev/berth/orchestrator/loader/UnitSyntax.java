package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Durations, byte sizes and CPU counts in their canonical text form. */
final class UnitSyntax {
  private UnitSyntax() {}

  static Node duration(Node v, String path) throws BerthException {
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

  static Node bytes(Node v, String path) throws BerthException {
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

  static Node cpus(Node v) {
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

  static Node durationsIn(Node v, String path, Set<String> keys) throws BerthException {
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
}
