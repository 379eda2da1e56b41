package dev.berth.runtime.container;

import dev.berth.runtime.health.HealthcheckConfig;
import java.time.Duration;
import java.util.List;

/** A {@link HealthcheckConfig} in the JSON state file (durations in milliseconds). */
public record PersistedHealthcheck(
    List<String> test,
    long intervalMs,
    long timeoutMs,
    long startPeriodMs,
    long startIntervalMs,
    int retries) {

  static PersistedHealthcheck of(HealthcheckConfig c) {
    return c == null
        ? null
        : new PersistedHealthcheck(
            c.test(),
            c.interval().toMillis(),
            c.timeout().toMillis(),
            c.startPeriod().toMillis(),
            c.startInterval().toMillis(),
            c.retries());
  }

  HealthcheckConfig toConfig() {
    return new HealthcheckConfig(
        test,
        Duration.ofMillis(intervalMs),
        Duration.ofMillis(timeoutMs),
        Duration.ofMillis(startPeriodMs),
        Duration.ofMillis(startIntervalMs),
        retries);
  }
}
