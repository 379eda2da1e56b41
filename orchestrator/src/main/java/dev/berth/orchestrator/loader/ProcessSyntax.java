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

/** Long syntax for command, depends_on, env_file, develop and lifecycle hooks. */
final class ProcessSyntax {
  private ProcessSyntax() {}

  static Node command(Node v, String path) throws BerthException {
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
        words.add(Canonicalizer.scalarToString(n));
      }
      return Nodes.seq(words, seq.mark());
    }
    return v;
  }

  static Node dependsOn(Node v) {
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

  static Node envFile(Node v) {
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

  static Node develop(Node v) {
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
            wm = wm.with(k, Canonicalizer.toList(wm.get(k)));
          }
        }
      }
      out.add(wm == null ? w : wm);
    }
    return m.with("watch", Nodes.seq(out, watch.mark()));
  }

  static Node hooks(Node v, String path) throws BerthException {
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
        m =
            m.with(
                "environment", Canonicalizer.toMapping(m.get("environment"), p + ".environment"));
      }
      out.add(m);
    }
    return Nodes.seq(out, seq.mark());
  }
}
