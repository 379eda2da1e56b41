package dev.berth.orchestrator.model;

import java.util.List;
import java.util.Objects;

/** A YAML sequence. */
public record SeqNode(List<Node> items, Mark mark) implements Node {

  public SeqNode {
    items = List.copyOf(items);
    Objects.requireNonNull(mark, "mark");
  }

  public int size() {
    return items.size();
  }

  public Node get(int i) {
    return items.get(i);
  }

  @Override
  public String describe() {
    return "sequence";
  }

  /** Equal when the items match; marks do not take part. */
  @Override
  public boolean equals(Object o) {
    return o instanceof SeqNode other && items.equals(other.items);
  }

  @Override
  public int hashCode() {
    return items.hashCode();
  }

  @Override
  public String toString() {
    return items.toString();
  }
}
