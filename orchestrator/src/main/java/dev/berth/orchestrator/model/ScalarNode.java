package dev.berth.orchestrator.model;

import java.util.Objects;

/** A scalar value kept as text plus the YAML 1.2 type it resolved to. */
public record ScalarNode(String text, Kind kind, Mark mark) implements Node {

  /** The YAML 1.2 core-schema type of a scalar. */
  public enum Kind {
    STRING,
    INT,
    FLOAT,
    BOOL,
    NULL
  }

  public ScalarNode {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(mark, "mark");
    text = kind == Kind.NULL ? "" : Objects.requireNonNull(text, "text");
  }

  public static ScalarNode string(String text, Mark mark) {
    return new ScalarNode(text, Kind.STRING, mark);
  }

  public static ScalarNode ofInt(long value, Mark mark) {
    return new ScalarNode(Long.toString(value), Kind.INT, mark);
  }

  public static ScalarNode ofBool(boolean value, Mark mark) {
    return new ScalarNode(Boolean.toString(value), Kind.BOOL, mark);
  }

  public static ScalarNode nul(Mark mark) {
    return new ScalarNode("", Kind.NULL, mark);
  }

  public boolean isNull() {
    return kind == Kind.NULL;
  }

  @Override
  public String describe() {
    return kind == Kind.NULL ? "null" : kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Equal when text and kind match; marks do not take part. */
  @Override
  public boolean equals(Object o) {
    return o instanceof ScalarNode other && kind == other.kind && text.equals(other.text);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, kind);
  }

  @Override
  public String toString() {
    return text;
  }
}
