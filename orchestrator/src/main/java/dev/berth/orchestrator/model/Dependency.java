package dev.berth.orchestrator.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One {@code depends_on} entry in long form, e.g. {@code db: {condition: service_healthy, required:
 * true, restart: false}}.
 */
public record Dependency(String service, Condition condition, boolean required, boolean restart) {

  /** What counts as ready, as {@code depends_on.*.condition} names it. */
  public enum Condition {
    SERVICE_STARTED,
    SERVICE_HEALTHY,
    SERVICE_COMPLETED_SUCCESSFULLY;

    /** The condition for its Compose name ({@code service_healthy}, ...). */
    public static Condition parse(String name) {
      return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The Compose spelling. */
    public String composeName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Dependency {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(condition, "condition");
  }
}
