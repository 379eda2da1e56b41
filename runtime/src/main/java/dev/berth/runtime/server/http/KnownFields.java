package dev.berth.runtime.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON fields of a request body an endpoint acts on. Any other field that carries more than its
 * default (null, false, 0, "", empty, or a listed default such as {@code NetworkMode: "default"})
 * is an option berthd does not support yet, and the request is refused rather than half-served. A
 * {@code *} segment in an understood path matches any key, e.g. a network name in {@code
 * NetworkingConfig.EndpointsConfig.*.Aliases}.
 */
public record KnownFields(Set<String> understood, Map<String, String> defaults) {
  public KnownFields {
    understood = Set.copyOf(understood);
    defaults = Map.copyOf(defaults);
  }

  /** Dotted paths of the fields in {@code body} that berthd would silently ignore. */
  public List<String> unsupported(JsonNode body) {
    List<String> found = new ArrayList<>();
    collect("", body, found);
    return found;
  }

  private void collect(String prefix, JsonNode node, List<String> found) {
    if (!node.isObject()) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      if (understood.stream().anyMatch(u -> matches(u, path, false))) {
        continue;
      }
      if (understood.stream().anyMatch(u -> matches(u, path, true))) {
        collect(path, field.getValue(), found);
      } else if (!isDefault(path, field.getValue())) {
        found.add(path);
      }
    }
  }

  /** Whether {@code pattern} is {@code path}, or with {@code below} lies below it. */
  private static boolean matches(String pattern, String path, boolean below) {
    String[] want = pattern.split("\\.");
    String[] have = path.split("\\.");
    if (below ? want.length <= have.length : want.length != have.length) {
      return false;
    }
    for (int i = 0; i < have.length; i++) {
      if (!want[i].equals("*") && !want[i].equals(have[i])) {
        return false;
      }
    }
    return true;
  }

  private boolean isDefault(String path, JsonNode value) {
    String listed = defaults.get(path);
    if (listed != null && value.isValueNode() && listed.equals(value.asText())) {
      return true;
    }
    if (value.isNull() || value.isMissingNode()) {
      return true;
    }
    if (value.isBoolean()) {
      return !value.booleanValue();
    }
    if (value.isNumber()) {
      return value.asDouble() == 0;
    }
    if (value.isTextual()) {
      return value.asText().isEmpty();
    }
    if (value.isArray()) {
      for (JsonNode element : value) {
        if (!isDefault(path + "[]", element)) {
          return false;
        }
      }
      return true;
    }
    if (value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!isDefault(path + "." + field.getKey(), field.getValue())) {
          return false;
        }
      }
      return true;
    }
    return false;
  }
}
