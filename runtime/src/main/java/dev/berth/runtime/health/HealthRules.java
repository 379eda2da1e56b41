package dev.berth.runtime.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's health transitions, as pure functions. A success makes the container healthy at once,
 * even early. A failure counts toward {@code retries} unless the container is still starting and
 * the probe began within the start period or before the first {@code interval} had passed.
 */
public final class HealthRules {
  private static final int KEEP = 5;

  private HealthRules() {}

  /** The health after {@code result}, for a container started at {@code startedAt}. */
  public static Health apply(
      HealthcheckConfig config, Health health, ProbeResult result, Instant startedAt) {
    List<ProbeResult> log = new ArrayList<>(health.log());
    log.add(result);
    while (log.size() > KEEP) {
      log.remove(0);
    }
    if (result.exitCode() == 0) {
      return new Health(HealthStatus.HEALTHY, 0, log);
    }
    if (health.status() == HealthStatus.STARTING && early(config, result.start(), startedAt)) {
      return new Health(health.status(), health.failingStreak(), log);
    }
    int streak = health.failingStreak() + 1;
    HealthStatus status = streak >= config.retries() ? HealthStatus.UNHEALTHY : health.status();
    return new Health(status, streak, log);
  }

  /**
   * How long to wait before the next probe: the start interval while early (probing early lets a
   * fast service turn healthy soon), the interval afterwards.
   */
  public static Duration nextDelay(
      HealthcheckConfig config, Health health, Instant now, Instant startedAt) {
    if (health.status() == HealthStatus.STARTING && early(config, now, startedAt)) {
      Duration step =
          config.startInterval().compareTo(config.interval()) < 0
              ? config.startInterval()
              : config.interval();
      return step;
    }
    return config.interval();
  }

  private static boolean early(HealthcheckConfig config, Instant at, Instant startedAt) {
    Duration since = Duration.between(startedAt, at);
    Duration grace =
        config.startPeriod().compareTo(config.interval()) > 0
            ? config.startPeriod()
            : config.interval();
    return since.compareTo(grace) < 0;
  }
}
