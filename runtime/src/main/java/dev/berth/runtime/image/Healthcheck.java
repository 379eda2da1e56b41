package dev.berth.runtime.image;

import java.time.Duration;
import java.util.List;

/**
 * An image's HEALTHCHECK: {@code test} is {@code ["NONE"]}, {@code ["CMD", ...]} or {@code
 * ["CMD-SHELL", cmd]}; zero durations and retries mean "inherit the default".
 */
public record Healthcheck(
    List<String> test,
    Duration interval,
    Duration timeout,
    Duration startPeriod,
    Duration startInterval,
    int retries) {
  public Healthcheck {
    test = test == null ? List.of() : List.copyOf(test);
    interval = interval == null ? Duration.ZERO : interval;
    timeout = timeout == null ? Duration.ZERO : timeout;
    startPeriod = startPeriod == null ? Duration.ZERO : startPeriod;
    startInterval = startInterval == null ? Duration.ZERO : startInterval;
  }
}
