package dev.berth.orchestrator.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;

/** A YAML mapping with string keys in document order; each key keeps its own mark. */
public final class MapNode implements Node {
  private final Map<String, Node> entries;
  private final Map<String, Mark> keyMarks;
  private final Mark mark;

  public MapNode(Map<String, Node> entries, Map<String, Mark> keyMarks, Mark mark) {
    this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    this.keyMarks = Collections.unmodifiableMap(new LinkedHashMap<>(keyMarks));
    this.mark = Objects.requireNonNull(mark, "mark");
  }

  public MapNode(Map<String, Node> entries, Mark mark) {
    this(entries, Map.of(), mark);
  }

  public static MapNode empty(Mark mark) {
    return new MapNode(Map.of(), mark);
  }

  public Map<String, Node> entries() {
    return entries;
  }

  public Set<String> keys() {
    return entries.keySet();
  }

  public Node get(String key) {
    return entries.get(key);
  }

  public boolean has(String key) {
    return entries.containsKey(key);
  }

  public int size() {
    return entries.size();
  }

  /** The mark of {@code key} itself, else of its value, else of this mapping. */
  public Mark keyMark(String key) {
    Mark m = keyMarks.get(key);
    if (m != null) {
      return m;
    }
    Node v = entries.get(key);
    return v != null ? v.mark() : mark;
  }

  public Map<String, Mark> keyMarks() {
    return keyMarks;
  }

  /** A copy with {@code key} set to {@code value} (kept in place when already present). */
  public MapNode with(String key, Node value) {
    Map<String, Node> copy = new LinkedHashMap<>(entries);
    copy.put(key, value);
    return new MapNode(copy, keyMarks, mark);
  }

  /** A copy without {@code key}. */
  public MapNode without(String key) {
    if (!entries.containsKey(key)) {
      return this;
    }
    Map<String, Node> copy = new LinkedHashMap<>(entries);
    copy.remove(key);
    return new MapNode(copy, keyMarks, mark);
  }

  /** A copy with every value replaced by {@code fn(key, value)}; null results drop the key. */
  public MapNode mapValues(BiFunction<String, Node, Node> fn) {
    Map<String, Node> copy = new LinkedHashMap<>();
    entries.forEach(
        (k, v) -> {
          Node n = fn.apply(k, v);
          if (n != null) {
            copy.put(k, n);
          }
        });
    return new MapNode(copy, keyMarks, mark);
  }

  @Override
  public Mark mark() {
    return mark;
  }

  @Override
  public String describe() {
    return "mapping";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapNode other && entries.equals(other.entries);
  }

  @Override
  public int hashCode() {
    return entries.hashCode();
  }

  @Override
  public String toString() {
    return entries.toString();
  }
}
