package dev.berth.orchestrator.model;

import java.util.Objects;

/** A value carrying a Compose merge tag ({@code !reset} or {@code !override}); gone after merge. */
public record TaggedNode(Tag tag, Node value) implements Node {

  /** The Compose-specific YAML tags. */
  public enum Tag {
    RESET,
    OVERRIDE
  }

  public TaggedNode {
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(value, "value");
  }

  @Override
  public Mark mark() {
    return value.mark();
  }

  @Override
  public String describe() {
    return value.describe();
  }
}
