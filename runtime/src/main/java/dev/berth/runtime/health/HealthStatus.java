package dev.berth.runtime.health;

/** A container's health as Docker reports it. */
public enum HealthStatus {
  /** No healthcheck configured. */
  NONE,
  STARTING,
  HEALTHY,
  UNHEALTHY;

  /** Docker's lower-case spelling. */
  public String dockerName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
