package dev.berth.orchestrator.plan;

import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.SeqNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed reads of canonical compose attributes. */
final class Attrs {
  private Attrs() {}

  static Optional<String> text(Node n) {
    return n instanceof ScalarNode s && !s.isNull() ? Optional.of(s.text()) : Optional.empty();
  }

  static Optional<String> text(MapNode m, String key) {
    return m == null ? Optional.empty() : text(m.get(key));
  }

  static boolean isTrue(MapNode m, String key) {
    return text(m, key).map("true"::equals).orElse(false);
  }

  static MapNode map(MapNode m, String key) {
    return m != null && m.get(key) instanceof MapNode v ? v : null;
  }

  /** A sequence of scalars, or null when the key is absent or null. */
  static List<String> list(MapNode m, String key) {
    if (m == null || !(m.get(key) instanceof SeqNode seq)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    seq.items().forEach(n -> text(n).ifPresent(out::add));
    return out;
  }

  static List<Node> items(MapNode m, String key) {
    return m != null && m.get(key) instanceof SeqNode seq ? seq.items() : List.of();
  }

  /** A mapping of scalars; null values are kept as null. */
  static Map<String, String> strings(MapNode m, String key) {
    Map<String, String> out = new LinkedHashMap<>();
    MapNode v = map(m, key);
    if (v != null) {
      v.entries().forEach((k, n) -> out.put(k, text(n).orElse(null)));
    }
    return out;
  }
}
