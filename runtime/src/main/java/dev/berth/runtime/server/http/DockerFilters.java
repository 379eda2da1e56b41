package dev.berth.runtime.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Docker's {@code filters} query parameter: {@code {"type":["container"],"label":["a=b"]}}, or the
 * older {@code {"type":{"container":true}}}.
 */
public final class DockerFilters {
  private DockerFilters() {}

  /** The filters by key; absent or empty text means none. */
  public static Map<String, List<String>> parse(Optional<String> text) throws EngineException {
    if (text.isEmpty() || text.get().isBlank()) {
      return Map.of();
    }
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text.get());
    } catch (Exception e) {
      throw invalid(text.get());
    }
    if (root == null || !root.isObject()) {
      throw invalid(text.get());
    }
    Map<String, List<String>> filters = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      filters.put(entry.getKey(), values(entry.getValue(), text.get()));
    }
    return filters;
  }

  private static List<String> values(JsonNode node, String text) throws EngineException {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode value : node) {
        if (!value.isTextual()) {
          throw invalid(text);
        }
        values.add(value.asText());
      }
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        if (entry.getValue().asBoolean()) {
          values.add(entry.getKey());
        }
      }
    } else {
      throw invalid(text);
    }
    return values;
  }

  private static EngineException invalid(String text) {
    return new EngineException(
        ErrorKind.INVALID_ARGUMENT,
        "invalid filters \"" + text + "\": expected a JSON object of string lists");
  }
}
