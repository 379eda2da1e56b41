package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.server.http.ApiRequest;
import dev.berth.runtime.server.http.DockerFilters;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code filters} of a list or prune call, checked against the keys the endpoint knows as
 * dockerd does ({@code invalid filter 'x'}), with dockerd's label and boolean semantics.
 */
record ListFilters(Map<String, List<String>> values) {

  static ListFilters of(ApiRequest request, Set<String> known) throws EngineException {
    Map<String, List<String>> values = DockerFilters.parse(request.query("filters"));
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        throw new EngineException(ErrorKind.INVALID_ARGUMENT, "invalid filter '" + key + "'");
      }
    }
    return new ListFilters(values);
  }

  List<String> get(String key) {
    return values.getOrDefault(key, List.of());
  }

  boolean has(String key) {
    return !get(key).isEmpty();
  }

  /** True when no value is given for {@code key}, or any value matches. */
  boolean any(String key, Predicate<String> match) {
    List<String> wanted = get(key);
    return wanted.isEmpty() || wanted.stream().anyMatch(match);
  }

  /** dockerd's {@code label} filter: every {@code key} or {@code key=value} must hold. */
  boolean labels(String key, Map<String, String> labels) {
    for (String wanted : get(key)) {
      int eq = wanted.indexOf('=');
      if (eq < 0
          ? !labels.containsKey(wanted)
          : !wanted.substring(eq + 1).equals(labels.get(wanted.substring(0, eq)))) {
        return false;
      }
    }
    return true;
  }

  /** dockerd's {@code label!} filter: none of {@code key} or {@code key=value} may hold. */
  boolean notLabels(String key, Map<String, String> labels) {
    for (String unwanted : get(key)) {
      int eq = unwanted.indexOf('=');
      boolean holds =
          eq < 0
              ? labels.containsKey(unwanted)
              : unwanted.substring(eq + 1).equals(labels.get(unwanted.substring(0, eq)));
      if (holds) {
        return false;
      }
    }
    return true;
  }

  /** A boolean filter ({@code dangling=true}); absent gives empty, a non-boolean is a 400. */
  java.util.Optional<Boolean> bool(String key) throws EngineException {
    List<String> given = get(key);
    if (given.isEmpty()) {
      return java.util.Optional.empty();
    }
    Boolean result = null;
    for (String value : given) {
      Boolean parsed =
          switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default ->
                throw new EngineException(
                    ErrorKind.INVALID_ARGUMENT,
                    "invalid filter '" + key + "=" + value + "': expected true or false");
          };
      if (result != null && !result.equals(parsed)) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT, "invalid filter '" + key + "': both true and false given");
      }
      result = parsed;
    }
    return java.util.Optional.of(result);
  }
}
