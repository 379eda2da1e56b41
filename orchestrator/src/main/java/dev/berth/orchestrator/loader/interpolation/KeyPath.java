package dev.berth.orchestrator.loader.interpolation;

import java.util.List;

/** Renders a key path as users read it: {@code services.web.ports[1]}. */
public final class KeyPath {
  private KeyPath() {}

  /** Joins segments; list indices are segments of the form {@code [i]}. */
  public static String of(List<String> segments) {
    StringBuilder sb = new StringBuilder();
    for (String s : segments) {
      if (!s.startsWith("[") && sb.length() > 0) {
        sb.append('.');
      }
      sb.append(s);
    }
    return sb.toString();
  }
}
