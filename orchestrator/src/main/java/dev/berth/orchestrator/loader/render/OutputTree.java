package dev.berth.orchestrator.loader.render;

import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.orchestrator.model.TaggedNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Orders a canonical tree for output: structure fields in declaration order with empty optional
 * fields left out, user-keyed maps sorted, extensions last. Produces plain maps, lists and {@link
 * ScalarNode}s.
 */
final class OutputTree {
  private final boolean json;

  private OutputTree(boolean json) {
    this.json = json;
  }

  /** The ordered form of {@code root}; {@code json} drops nested {@code x-*} keys. */
  static Object of(Node root, boolean json) {
    return new OutputTree(json).order(root, new ArrayList<>());
  }

  /** The fully key-sorted form used by {@code --no-interpolate}. */
  static Object sorted(Node n) {
    if (n instanceof TaggedNode t) {
      return sorted(t.value());
    }
    if (n instanceof MapNode m) {
      Map<String, Object> out = new TreeMap<>();
      m.entries().forEach((k, v) -> out.put(k, sorted(v)));
      return out;
    }
    if (n instanceof SeqNode s) {
      List<Object> out = new ArrayList<>();
      s.items().forEach(i -> out.add(sorted(i)));
      return out;
    }
    return n;
  }

  private Object order(Node n, List<String> path) {
    if (n instanceof TaggedNode t) {
      return order(t.value(), path);
    }
    if (n instanceof SeqNode s) {
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < s.size(); i++) {
        path.add("[" + i + "]");
        out.add(order(s.get(i), path));
        path.remove(path.size() - 1);
      }
      return out;
    }
    if (!(n instanceof MapNode m)) {
      return n;
    }
    KeyOrder.Struct struct = KeyOrder.structAt(path);
    Map<String, Object> out = new LinkedHashMap<>();
    if (struct == null) {
      for (String k : new TreeMap<>(m.entries()).keySet()) {
        out.put(k, child(m, k, path));
      }
      return out;
    }
    for (var f : struct.fields().entrySet()) {
      String k = f.getKey();
      if (!m.has(k) || k.equals("name") && struct.name().equals("Service")) {
        continue;
      }
      Node v = m.get(k);
      if (omit(v, f.getValue(), struct.name(), k)) {
        continue;
      }
      out.put(k, child(m, k, path));
    }
    List<String> extensions = new ArrayList<>();
    for (String k : m.keys()) {
      if (struct.fields().containsKey(k)) {
        continue;
      }
      if (k.startsWith("x-")) {
        extensions.add(k);
      } else {
        out.put(k, child(m, k, path));
      }
    }
    extensions.sort(null);
    for (String k : extensions) {
      if (!json || path.isEmpty()) {
        out.put(k, child(m, k, path));
      }
    }
    return out;
  }

  private Object child(MapNode m, String k, List<String> path) {
    path.add(k);
    Object o = order(m.get(k), path);
    path.remove(path.size() - 1);
    return o;
  }

  private static boolean omit(Node v, KeyOrder.Empty rule, String struct, String key) {
    if (v instanceof TaggedNode t) {
      v = t.value();
    }
    if (struct.equals("Project") && key.equals("services")) {
      return false;
    }
    if (v instanceof ScalarNode s && s.isNull()) {
      return true;
    }
    if (rule == KeyOrder.Empty.KEEP) {
      return false;
    }
    if (v instanceof MapNode m) {
      return m.size() == 0;
    }
    if (v instanceof SeqNode s) {
      return s.size() == 0;
    }
    ScalarNode s = (ScalarNode) v;
    String t = s.text();
    if (s.kind() == ScalarNode.Kind.BOOL) {
      return t.equals("false");
    }
    if (rule == KeyOrder.Empty.OMIT_ZERO || s.kind() == ScalarNode.Kind.INT) {
      return t.equals("0") || t.equals("0.0") || t.isEmpty();
    }
    return t.isEmpty();
  }
}
