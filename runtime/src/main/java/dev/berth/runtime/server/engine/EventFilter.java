package dev.berth.runtime.server.engine;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code filters} of {@code GET /events}, as dockerd applies them: values of one key are
 * alternatives, different keys must all match; names and IDs match exactly or by prefix.
 */
public record EventFilter(Map<String, List<String>> filters) implements Predicate<EngineEvent> {
  private static final Set<String> NAMED =
      Set.of("container", "network", "volume", "plugin", "node", "service", "secret", "config");
  private static final Set<String> KNOWN =
      Set.of(
          "container",
          "network",
          "volume",
          "plugin",
          "node",
          "service",
          "secret",
          "config",
          "daemon",
          "event",
          "image",
          "label",
          "scope",
          "type");

  public EventFilter {
    filters = Map.copyOf(filters);
  }

  /** Checks the keys as dockerd does; an unknown key is an INVALID_ARGUMENT naming it. */
  public static EventFilter of(Map<String, List<String>> filters) throws EngineException {
    for (String key : filters.keySet()) {
      if (!KNOWN.contains(key)) {
        throw new EngineException(ErrorKind.INVALID_ARGUMENT, "invalid filter '" + key + "'");
      }
    }
    return new EventFilter(filters);
  }

  @Override
  public boolean test(EngineEvent event) {
    for (Map.Entry<String, List<String>> entry : filters.entrySet()) {
      if (!entry.getValue().isEmpty() && !matches(entry.getKey(), entry.getValue(), event)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(String key, List<String> values, EngineEvent event) {
    Map<String, String> attributes = event.attributes();
    if (NAMED.contains(key)) {
      return fuzzy(values, event.actorId()) || fuzzy(values, attributes.get("name"));
    }
    return switch (key) {
      case "type" -> values.contains(event.type());
      case "event" -> values.contains(event.action()) || values.contains(baseAction(event));
      case "image" ->
          values.contains(attributes.get("image"))
              || fuzzy(values, event.actorId())
              || values.contains(attributes.get("name"));
      case "label" -> values.stream().anyMatch(label -> hasLabel(attributes, label));
      case "scope" -> values.contains("local");
      default -> true;
    };
  }

  private static String baseAction(EngineEvent event) {
    int colon = event.action().indexOf(':');
    return colon < 0 ? event.action() : event.action().substring(0, colon);
  }

  private static boolean fuzzy(List<String> values, String candidate) {
    return candidate != null
        && values.stream().anyMatch(v -> candidate.equals(v) || candidate.startsWith(v));
  }

  private static boolean hasLabel(Map<String, String> attributes, String label) {
    int equals = label.indexOf('=');
    return equals < 0
        ? attributes.containsKey(label)
        : label.substring(equals + 1).equals(attributes.get(label.substring(0, equals)));
  }
}
