package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Mark;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.orchestrator.model.TaggedNode;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers to read and build attribute trees. */
final class Nodes {
  private Nodes() {}

  static ScalarNode str(String s) {
    return ScalarNode.string(s, Mark.NONE);
  }

  static ScalarNode str(String s, Mark m) {
    return ScalarNode.string(s, m);
  }

  static ScalarNode num(long v, Mark m) {
    return ScalarNode.ofInt(v, m);
  }

  static ScalarNode bool(boolean v, Mark m) {
    return ScalarNode.ofBool(v, m);
  }

  static MapNode map(Mark m, Object... kv) {
    Map<String, Node> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        out.put((String) kv[i], (Node) kv[i + 1]);
      }
    }
    return new MapNode(out, m);
  }

  static SeqNode seq(List<? extends Node> items, Mark m) {
    return new SeqNode(new ArrayList<>(items), m);
  }

  /** The node without its merge tag. */
  static Node untag(Node n) {
    return n instanceof TaggedNode t ? t.value() : n;
  }

  static boolean isNull(Node n) {
    return n == null || n instanceof ScalarNode s && s.isNull();
  }

  /** The text of a scalar, or null for null/absent. */
  static String text(Node n) {
    n = untag(n);
    return n instanceof ScalarNode s && !s.isNull() ? s.text() : null;
  }

  static String text(MapNode map, String key) {
    return map == null ? null : text(map.get(key));
  }

  static MapNode mapOrNull(Node n) {
    n = untag(n);
    return n instanceof MapNode m ? m : null;
  }

  static SeqNode seqOrNull(Node n) {
    n = untag(n);
    return n instanceof SeqNode s ? s : null;
  }

  static boolean isTrue(Node n) {
    String t = text(n);
    return t != null && t.equals("true");
  }

  static BerthException error(Mark m, String path, String message) {
    String where = m == null || m.file().isEmpty() ? "" : m + ": ";
    return new BerthException(
        ErrorKind.INVALID_ARGUMENT, where + (path.isEmpty() ? "" : path + ": ") + message);
  }
}
