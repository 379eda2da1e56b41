package dev.berth.orchestrator.loader;

import java.util.List;

/** A dotted key-path pattern where {@code *} matches any one key or list index. */
final class PathPattern {
  private final String[] parts;

  private PathPattern(String pattern) {
    this.parts = pattern.split("\\.");
  }

  static PathPattern of(String pattern) {
    return new PathPattern(pattern);
  }

  boolean matches(List<String> path) {
    if (path.size() != parts.length) {
      return false;
    }
    for (int i = 0; i < parts.length; i++) {
      if (!parts[i].equals("*") && !parts[i].equals(path.get(i))) {
        return false;
      }
    }
    return true;
  }
}
