package dev.berth.runtime.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's health transitions, as pure functions. A success makes the container healthy at once,
 * even early. A failure counts toward {@code retries} unless the container is still starting and
 * the probe began within the start period or before the first {@code interval} had passed (early).
 * Unlike Docker, berth probes early too, so a starting service turns healthy soon after its probe
 * can pass.
 */
public final class HealthRules {
  private static final int KEEP = 5;

  /** The first probe of a starting container, this long after its start. */
  static final Duration FIRST_PROBE = Duration.ofMillis(50);

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
   * How long to wait before the next probe. A starting container nobody waits for is probed as
   * Docker probes it: after its start interval while in its start period, else after its interval.
   * One somebody waits for ({@code awaited}: an inspect while it starts, as depends_on's {@code
   * service_healthy}, {@code up --wait} and test kits poll) is probed early: backing off from
   * {@link #FIRST_PROBE}, doubling with the time since the start up to the start interval (or the
   * interval, if shorter), and never past the end of the early phase, so it turns healthy as soon
   * as its probe passes, not one interval after it started. Failures in that phase do not count (as
   * Docker's start-interval probes) and the first counting probe falls where Docker's first probe
   * falls. Afterwards: the interval. Twenty starting containers nobody waits for would otherwise
   * cost as many probe processes within the first tenth of a second.
   */
  public static Duration nextDelay(
      HealthcheckConfig config, Health health, Instant now, Instant startedAt, boolean awaited) {
    if (health.status() == HealthStatus.STARTING && early(config, now, startedAt)) {
      Duration since = Duration.between(startedAt, now);
      if (!awaited) {
        return since.compareTo(config.startPeriod()) < 0
            ? config.startInterval()
            : config.interval();
      }
      Duration step = max(since, FIRST_PROBE);
      step = min(step, min(config.startInterval(), config.interval()));
      return min(step, grace(config).minus(since));
    }
    return config.interval();
  }

  /**
   * How soon to probe a starting container that has just become awaited: {@link #FIRST_PROBE} after
   * its start, at once when that has passed; null when it is past its early phase (its schedule
   * stays).
   */
  public static Duration firstAwaitedDelay(
      HealthcheckConfig config, Health health, Instant now, Instant startedAt) {
    if (health.status() != HealthStatus.STARTING || !early(config, now, startedAt)) {
      return null;
    }
    Duration left = FIRST_PROBE.minus(Duration.between(startedAt, now));
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static Duration grace(HealthcheckConfig config) {
    return max(config.startPeriod(), config.interval());
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static boolean early(HealthcheckConfig config, Instant at, Instant startedAt) {
    return Duration.between(startedAt, at).compareTo(grace(config)) < 0;
  }
}
