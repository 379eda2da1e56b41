package dev.berth.runtime.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The message of a distribution error body, {@code {"errors":[{"code":"MANIFEST_UNKNOWN",
 * "message":"manifest unknown"}]}}, or null when the body is something else.
 */
final class RegistryErrorBody {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RegistryErrorBody() {}

  static String message(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode errors = MAPPER.readTree(body).path("errors");
      if (errors.isArray() && errors.size() > 0) {
        String message = errors.get(0).path("message").asText("");
        return message.isEmpty() ? errors.get(0).path("code").asText(null) : message;
      }
    } catch (IOException e) {
      String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
      return text.isBlank() ? null : text.strip();
    }
    return null;
  }
}
