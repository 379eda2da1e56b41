package dev.berth.runtime.health;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.time.Duration;
import java.util.List;

/**
 * A healthcheck: {@code test} is {@code ["NONE"]}, {@code ["CMD", arg...]} or {@code ["CMD-SHELL",
 * command]}; unset durations take Docker's defaults (30 s interval and timeout, no start period, 5
 * s start interval, 3 retries).
 */
public record HealthcheckConfig(
    List<String> test,
    Duration interval,
    Duration timeout,
    Duration startPeriod,
    Duration startInterval,
    int retries) {

  public HealthcheckConfig {
    test = List.copyOf(test);
    interval = positiveOr(interval, Duration.ofSeconds(30));
    timeout = positiveOr(timeout, Duration.ofSeconds(30));
    startPeriod = startPeriod == null ? Duration.ZERO : startPeriod;
    startInterval = positiveOr(startInterval, Duration.ofSeconds(5));
    retries = retries <= 0 ? 3 : retries;
  }

  /** A config with Docker's default timings. */
  public static HealthcheckConfig of(List<String> test) {
    return new HealthcheckConfig(test, null, null, null, null, 0);
  }

  /** Whether this config turns healthchecks off. */
  public boolean disabled() {
    return test.isEmpty() || test.get(0).equals("NONE");
  }

  /** The command a probe runs in the container. */
  public List<String> command() throws EngineException {
    if (test.size() >= 2 && test.get(0).equals("CMD")) {
      return test.subList(1, test.size());
    }
    if (test.size() == 2 && test.get(0).equals("CMD-SHELL")) {
      return List.of("/bin/sh", "-c", test.get(1));
    }
    throw new EngineException(ErrorKind.INVALID_ARGUMENT, "invalid healthcheck test " + test);
  }

  private static Duration positiveOr(Duration value, Duration fallback) {
    return value == null || value.isZero() || value.isNegative() ? fallback : value;
  }
}
