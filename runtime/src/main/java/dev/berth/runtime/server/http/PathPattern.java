package dev.berth.runtime.server.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A route's path such as {@code /containers/{id}/attach}; {@code {name*}} as the last-but-one or
 * last segment takes several segments, for image names like {@code library/redis:7}.
 */
record PathPattern(String text, List<String> segments) {
  PathPattern {
    segments = List.copyOf(segments);
  }

  static PathPattern parse(String text) {
    if (!text.startsWith("/")) {
      throw new IllegalArgumentException("route path must start with /: \"" + text + "\"");
    }
    return new PathPattern(text, List.of(text.substring(1).split("/", -1)));
  }

  /** The path parameters if {@code path} matches, else null. */
  Map<String, String> match(String path) {
    if (!path.startsWith("/")) {
      return null;
    }
    List<String> parts = List.of(path.substring(1).split("/", -1));
    Map<String, String> params = new HashMap<>();
    return match(0, parts, 0, params) ? params : null;
  }

  private boolean match(int si, List<String> parts, int pi, Map<String, String> params) {
    if (si == segments.size()) {
      return pi == parts.size();
    }
    String segment = segments.get(si);
    if (segment.startsWith("{") && segment.endsWith("*}")) {
      String name = segment.substring(1, segment.length() - 2);
      int rest = segments.size() - si - 1;
      for (int end = parts.size() - rest; end > pi; end--) {
        List<String> taken = new ArrayList<>(parts.subList(pi, end));
        if (match(si + 1, parts, end, params)) {
          params.put(name, String.join("/", taken));
          return true;
        }
      }
      return false;
    }
    if (pi == parts.size()) {
      return false;
    }
    String part = parts.get(pi);
    if (segment.startsWith("{") && segment.endsWith("}")) {
      if (part.isEmpty()) {
        return false;
      }
      params.put(segment.substring(1, segment.length() - 1), part);
      return match(si + 1, parts, pi + 1, params);
    }
    return segment.equals(part) && match(si + 1, parts, pi + 1, params);
  }
}
