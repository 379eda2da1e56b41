package dev.berth.runtime.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.util.stream.Collectors;

/** The one Jackson mapper of the server, and how its failures read to a client. */
public final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  /** Serializes a wire type; a failure here is a bug in berthd. */
  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getName(), e);
    }
  }

  /** Reads a request body as {@code type}; a bad body is an INVALID_ARGUMENT naming the problem. */
  static <T> T read(byte[] body, Class<T> type, String what) throws EngineException {
    try {
      return MAPPER.readValue(body, type);
    } catch (JsonMappingException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "invalid JSON in " + what + where(e) + ": " + e.getOriginalMessage(),
          e);
    } catch (JsonProcessingException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "malformed JSON in "
              + what
              + " at line "
              + e.getLocation().getLineNr()
              + " column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage(),
          e);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "reading " + what + ": " + e, e);
    }
  }

  /** Parses a body as a JSON tree; a malformed one is an INVALID_ARGUMENT. */
  static JsonNode tree(byte[] body, String what) throws EngineException {
    JsonNode tree = read(body, JsonNode.class, what);
    if (tree == null || !tree.isObject()) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, what + " must be a JSON object");
    }
    return tree;
  }

  /** Reads a parsed tree as {@code type}; a mistyped field is an INVALID_ARGUMENT naming it. */
  static <T> T convert(JsonNode tree, Class<T> type, String what) throws EngineException {
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (JsonMappingException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "invalid JSON in " + what + where(e) + ": " + e.getOriginalMessage(),
          e);
    } catch (JsonProcessingException e) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "reading " + what + ": " + e, e);
    }
  }

  private static String where(JsonMappingException e) {
    if (e.getPath().isEmpty()) {
      return "";
    }
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .collect(Collectors.joining("."))
            .replace(".[", "[");
    return " at " + path;
  }
}
