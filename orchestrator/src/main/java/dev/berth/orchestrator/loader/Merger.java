package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.loader.interpolation.KeyPath;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.orchestrator.model.TaggedNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges canonical trees with the Compose merge rules: mappings deep-merge, sequences append (some
 * replace), scalars override, {@code !reset} removes and {@code !override} replaces.
 */
final class Merger {
  /** How a path merges when it is not a plain mapping or sequence. */
  private enum Rule {
    REPLACE,
    LOGGING,
    EXTRA_HOSTS,
    IPAM_CONFIG
  }

  private static final Map<PathPattern, Rule> SPECIAL = new LinkedHashMap<>();

  static {
    SPECIAL.put(PathPattern.of("services.*.command"), Rule.REPLACE);
    SPECIAL.put(PathPattern.of("services.*.entrypoint"), Rule.REPLACE);
    SPECIAL.put(PathPattern.of("services.*.healthcheck.test"), Rule.REPLACE);
    SPECIAL.put(PathPattern.of("services.*.ulimits.*"), Rule.REPLACE);
    SPECIAL.put(PathPattern.of("services.*.logging"), Rule.LOGGING);
    SPECIAL.put(PathPattern.of("services.*.extra_hosts"), Rule.EXTRA_HOSTS);
    SPECIAL.put(PathPattern.of("services.*.build.extra_hosts"), Rule.EXTRA_HOSTS);
    SPECIAL.put(PathPattern.of("networks.*.ipam.config"), Rule.IPAM_CONFIG);
  }

  private Merger() {}

  /** {@code override} merged onto {@code base}; both are canonical whole-file trees. */
  static MapNode merge(MapNode base, MapNode override) throws BerthException {
    return (MapNode) mergeMaps(base, override, new ArrayList<>());
  }

  /** Merges two values at {@code path}. */
  static Node merge(Node base, Node over, List<String> path) throws BerthException {
    if (over instanceof TaggedNode t) {
      return t.tag() == TaggedNode.Tag.RESET ? null : stripTags(t.value());
    }
    if (base instanceof TaggedNode t) {
      base = t.value();
    }
    if (base == null) {
      return stripTags(over);
    }
    Rule rule = ruleFor(path);
    if (rule == Rule.REPLACE) {
      return over;
    }
    if (Nodes.isNull(over)) {
      return base;
    }
    if (rule == Rule.LOGGING && base instanceof MapNode b && over instanceof MapNode o) {
      String bd = Nodes.text(b, "driver");
      String od = Nodes.text(o, "driver");
      if (bd != null && od != null && !bd.equals(od)) {
        return o;
      }
    }
    if (rule == Rule.EXTRA_HOSTS && base instanceof SeqNode b && over instanceof SeqNode o) {
      List<Node> items = new ArrayList<>(b.items());
      for (Node n : o.items()) {
        if (!b.items().contains(n)) {
          items.add(n);
        }
      }
      return new SeqNode(items, b.mark());
    }
    if (rule == Rule.IPAM_CONFIG && base instanceof SeqNode b && over instanceof SeqNode o) {
      return mergeIpam(b, o, path);
    }
    if (base instanceof MapNode b) {
      if (!(over instanceof MapNode o)) {
        throw Nodes.error(over.mark(), "", "cannot override " + KeyPath.of(path));
      }
      return mergeMaps(b, o, path);
    }
    if (base instanceof SeqNode b) {
      if (!(over instanceof SeqNode o)) {
        throw Nodes.error(over.mark(), "", "cannot override " + KeyPath.of(path));
      }
      List<Node> items = new ArrayList<>(b.items());
      items.addAll(o.items());
      return new SeqNode(items, b.mark());
    }
    return over;
  }

  private static Rule ruleFor(List<String> path) {
    for (var e : SPECIAL.entrySet()) {
      if (e.getKey().matches(path)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static Node mergeMaps(MapNode base, MapNode over, List<String> path)
      throws BerthException {
    Map<String, Node> out = new LinkedHashMap<>(base.entries());
    Map<String, dev.berth.orchestrator.model.Mark> marks = new LinkedHashMap<>(base.keyMarks());
    for (var e : over.entries().entrySet()) {
      String k = e.getKey();
      path.add(k);
      Node merged = merge(out.get(k), e.getValue(), path);
      path.remove(path.size() - 1);
      if (merged == null) {
        out.remove(k);
      } else {
        out.put(k, merged);
        marks.putIfAbsent(k, over.keyMark(k));
      }
    }
    return new MapNode(out, marks, base.mark());
  }

  private static Node mergeIpam(SeqNode base, SeqNode over, List<String> path)
      throws BerthException {
    List<Node> out = new ArrayList<>(base.items());
    for (Node o : over.items()) {
      String subnet = o instanceof MapNode om ? Nodes.text(om, "subnet") : null;
      int found = -1;
      for (int i = 0; i < out.size(); i++) {
        if (out.get(i) instanceof MapNode bm
            && subnet != null
            && subnet.equals(Nodes.text(bm, "subnet"))) {
          found = i;
        }
      }
      if (found >= 0) {
        out.set(found, merge(out.get(found), o, path));
      } else {
        out.add(o);
      }
    }
    return new SeqNode(out, base.mark());
  }

  /** Removes merge tags left in a subtree (a tag on a first definition has nothing to act on). */
  static Node stripTags(Node n) {
    if (n instanceof TaggedNode t) {
      return t.tag() == TaggedNode.Tag.RESET ? null : stripTags(t.value());
    }
    if (n instanceof MapNode m) {
      return m.mapValues((k, v) -> stripTags(v));
    }
    if (n instanceof SeqNode s) {
      List<Node> items = new ArrayList<>();
      for (Node i : s.items()) {
        Node x = stripTags(i);
        if (x != null) {
          items.add(x);
        }
      }
      return new SeqNode(items, s.mark());
    }
    return n;
  }
}
