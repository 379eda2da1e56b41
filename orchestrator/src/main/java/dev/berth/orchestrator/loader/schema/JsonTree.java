package dev.berth.orchestrator.loader.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Mark;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import dev.berth.orchestrator.model.TaggedNode;
import java.math.BigInteger;
import java.util.Map;

/** Converts an attribute tree to Jackson nodes, remembering each value's mark by JSON pointer. */
final class JsonTree {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JsonTree() {}

  static JsonNode of(Node n, Map<String, Mark> marks) {
    return convert(n, "", marks);
  }

  private static JsonNode convert(Node n, String pointer, Map<String, Mark> marks) {
    if (n instanceof TaggedNode t) {
      return convert(t.value(), pointer, marks);
    }
    marks.put(pointer, n.mark());
    if (n instanceof MapNode m) {
      ObjectNode o = F.objectNode();
      for (var e : m.entries().entrySet()) {
        String child = pointer + "/" + e.getKey();
        o.set(e.getKey(), convert(e.getValue(), child, marks));
        marks.put(child + "#key", m.keyMark(e.getKey()));
      }
      return o;
    }
    if (n instanceof SeqNode s) {
      ArrayNode a = F.arrayNode();
      for (int i = 0; i < s.size(); i++) {
        a.add(convert(s.get(i), pointer + "/" + i, marks));
      }
      return a;
    }
    ScalarNode s = (ScalarNode) n;
    switch (s.kind()) {
      case NULL:
        return F.nullNode();
      case BOOL:
        return F.booleanNode(Boolean.parseBoolean(s.text()));
      case INT:
        return integer(s.text());
      case FLOAT:
        return floating(s.text());
      default:
        return F.textNode(s.text());
    }
  }

  private static JsonNode integer(String text) {
    String t = text.replace("_", "");
    try {
      if (t.startsWith("0x") || t.startsWith("0X")) {
        return F.numberNode(new BigInteger(t.substring(2), 16));
      }
      if (t.startsWith("0o")) {
        return F.numberNode(new BigInteger(t.substring(2), 8));
      }
      return F.numberNode(new BigInteger(t));
    } catch (NumberFormatException e) {
      return F.textNode(text);
    }
  }

  private static JsonNode floating(String text) {
    try {
      return F.numberNode(Double.parseDouble(text.replace("_", "")));
    } catch (NumberFormatException e) {
      String t = text.toLowerCase(java.util.Locale.ROOT);
      return F.numberNode(t.contains("nan") ? Double.NaN : Double.POSITIVE_INFINITY);
    }
  }
}
