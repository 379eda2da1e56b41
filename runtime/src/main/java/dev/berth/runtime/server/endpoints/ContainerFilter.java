package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.container.ContainerStatus;
import dev.berth.runtime.health.HealthStatus;
import dev.berth.runtime.server.engine.ContainerDetails;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code filters} of {@code GET /containers/json}, as dockerd applies them: values of one key
 * are alternatives, except {@code label} whose values must all hold; different keys must all match.
 */
record ContainerFilter(Map<String, List<String>> filters) implements Predicate<ContainerDetails> {
  private static final Set<String> KNOWN =
      Set.of(
          "label",
          "name",
          "id",
          "status",
          "ancestor",
          "network",
          "volume",
          "health",
          "exited",
          "before",
          "since",
          "until");
  private static final Set<String> STATUSES =
      Set.of("created", "restarting", "running", "removing", "paused", "exited", "dead");

  static ContainerFilter of(Map<String, List<String>> filters) throws EngineException {
    for (Map.Entry<String, List<String>> entry : filters.entrySet()) {
      if (!KNOWN.contains(entry.getKey())) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT, "invalid filter '" + entry.getKey() + "'");
      }
      if (entry.getKey().equals("status")) {
        for (String status : entry.getValue()) {
          if (!STATUSES.contains(status)) {
            throw new EngineException(
                ErrorKind.INVALID_ARGUMENT, "invalid filter 'status=" + status + "'");
          }
        }
      }
      if (entry.getKey().equals("exited")) {
        for (String code : entry.getValue()) {
          if (!code.matches("-?[0-9]+")) {
            throw new EngineException(
                ErrorKind.INVALID_ARGUMENT, "invalid filter 'exited=" + code + "'");
          }
        }
      }
    }
    return new ContainerFilter(Map.copyOf(filters));
  }

  /** Whether a filter asks for stopped containers, which list shows only with {@code all}. */
  boolean wantsStopped() {
    return filters.containsKey("exited")
        || filters.getOrDefault("status", List.of()).stream().anyMatch(s -> !s.equals("running"));
  }

  @Override
  public boolean test(ContainerDetails d) {
    for (Map.Entry<String, List<String>> entry : filters.entrySet()) {
      List<String> values = entry.getValue();
      boolean holds =
          entry.getKey().equals("label")
              ? values.stream().allMatch(v -> matches("label", v, d))
              : values.isEmpty() || values.stream().anyMatch(v -> matches(entry.getKey(), v, d));
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(String key, String value, ContainerDetails d) {
    Map<String, String> labels = d.request().labels() == null ? Map.of() : d.request().labels();
    return switch (key) {
      case "label" -> {
        int equals = value.indexOf('=');
        yield equals < 0
            ? labels.containsKey(value)
            : value.substring(equals + 1).equals(labels.get(value.substring(0, equals)));
      }
      case "name" -> {
        String wanted = value.startsWith("/") ? value.substring(1) : value;
        yield d.name().contains(wanted) || matchesRegex(d.name(), wanted);
      }
      case "id" -> d.id().startsWith(value);
      case "status" -> d.state().status().dockerName().equals(value);
      case "ancestor" ->
          value.equals(d.request().image())
              || d.imageId().equals(value)
              || d.imageId().startsWith("sha256:" + value)
              || (d.request().image() != null
                  && (d.request().image().equals(value + ":latest")
                      || value.equals(d.request().image() + ":latest")));
      case "network" ->
          d.networks().entrySet().stream()
              .anyMatch(
                  n -> n.getKey().equals(value) || n.getValue().networkId().startsWith(value));
      case "volume" ->
          d.mounts().stream()
              .anyMatch(m -> m.name().equals(value) || m.destination().equals(value));
      case "health" ->
          (d.state().health() == null ? HealthStatus.NONE : d.state().health().status())
              .dockerName()
              .equals(value);
      case "exited" ->
          d.state().status() == ContainerStatus.EXITED
              && Integer.toString(d.state().exitCode()).equals(value);
      default -> true;
    };
  }

  private static boolean matchesRegex(String name, String pattern) {
    try {
      return java.util.regex.Pattern.compile(pattern).matcher(name).find();
    } catch (java.util.regex.PatternSyntaxException e) {
      return false;
    }
  }
}
