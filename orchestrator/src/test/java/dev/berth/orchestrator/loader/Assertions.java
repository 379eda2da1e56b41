package dev.berth.orchestrator.loader;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** The conformance suite's {@code equals} semantics on rendered JSON. */
final class Assertions {
  private Assertions() {}

  static boolean matches(JsonNode expected, JsonNode actual) {
    if (expected == null || expected.isNull()) {
      return actual == null || actual.isNull();
    }
    if (actual == null || actual.isNull()) {
      return false;
    }
    if (expected.isObject()) {
      if (!actual.isObject()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> it = expected.fields();
      while (it.hasNext()) {
        var e = it.next();
        if (!matches(e.getValue(), actual.get(e.getKey()))) {
          return false;
        }
      }
      Iterator<Map.Entry<String, JsonNode>> extra = actual.fields();
      while (extra.hasNext()) {
        var e = extra.next();
        if (!expected.has(e.getKey()) && !emptyish(e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (expected.isArray()) {
      if (!actual.isArray() || actual.size() != expected.size()) {
        return false;
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!matches(expected.get(i), actual.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return expected.equals(actual);
  }

  private static boolean emptyish(JsonNode v) {
    if (v == null || v.isNull()) {
      return true;
    }
    if (v.isContainerNode()) {
      return v.isEmpty();
    }
    if (v.isBoolean()) {
      return !v.asBoolean();
    }
    if (v.isNumber()) {
      return v.asDouble() == 0;
    }
    return v.asText().isEmpty();
  }
}
