package dev.berth.runtime.health;

import java.util.List;

/** Inspect-level health: status, consecutive failures counted, and the last five results. */
public record Health(HealthStatus status, int failingStreak, List<ProbeResult> log) {
  public Health {
    log = List.copyOf(log);
  }

  /** The health of a container just started with a healthcheck. */
  public static Health starting() {
    return new Health(HealthStatus.STARTING, 0, List.of());
  }

  /** The health of a container without a healthcheck. */
  public static Health none() {
    return new Health(HealthStatus.NONE, 0, List.of());
  }
}
