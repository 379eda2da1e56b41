package dev.berth.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HealthRulesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final HealthcheckConfig CONFIG =
      new HealthcheckConfig(
          List.of("CMD", "true"),
          Duration.ofSeconds(10),
          Duration.ofSeconds(2),
          Duration.ofSeconds(30),
          Duration.ofSeconds(1),
          2);

  private static ProbeResult at(int seconds, int exitCode) {
    Instant start = T0.plusSeconds(seconds);
    return new ProbeResult(start, start, exitCode, "out");
  }

  private static Health run(HealthcheckConfig config, ProbeResult... results) {
    Health health = Health.starting();
    for (ProbeResult result : results) {
      health = HealthRules.apply(config, health, result, T0);
    }
    return health;
  }

  @Test
  void apply_earlySuccess_isHealthyAtOnce() {
    assertThat(run(CONFIG, at(1, 0)).status()).isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void apply_failuresWithinTheStartPeriod_doNotCount() {
    Health health = run(CONFIG, at(1, 1), at(2, 1), at(29, 1));

    assertThat(health.status()).isEqualTo(HealthStatus.STARTING);
    assertThat(health.failingStreak()).isZero();
  }

  @Test
  void apply_failureBeforeTheFirstInterval_neverCountsEvenWithoutStartPeriod() {
    HealthcheckConfig noStartPeriod =
        new HealthcheckConfig(List.of("CMD", "x"), Duration.ofSeconds(10), null, null, null, 1);

    assertThat(run(noStartPeriod, at(5, 1)).status()).isEqualTo(HealthStatus.STARTING);
    assertThat(run(noStartPeriod, at(5, 1), at(10, 1)).status()).isEqualTo(HealthStatus.UNHEALTHY);
  }

  @Test
  void apply_retriesConsecutiveFailuresAfterTheStartPeriod_turnUnhealthy() {
    Health health = run(CONFIG, at(31, 1), at(41, 1));

    assertThat(health.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(health.failingStreak()).isEqualTo(2);
  }

  @Test
  void apply_successResetsTheStreak() {
    Health health = run(CONFIG, at(31, 1), at(41, 0), at(51, 1));

    assertThat(health.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(health.failingStreak()).isEqualTo(1);
  }

  @Test
  void apply_healthyContainerFailingInStartPeriod_countsFailures() {
    Health health = run(CONFIG, at(1, 0), at(2, 1), at(3, 1));

    assertThat(health.status()).isEqualTo(HealthStatus.UNHEALTHY);
  }

  @Test
  void apply_keepsTheLastFiveResults() {
    Health health = run(CONFIG, at(31, 0), at(32, 0), at(33, 0), at(34, 0), at(35, 0), at(36, 1));

    assertThat(health.log()).hasSize(5);
    assertThat(health.log().get(4).exitCode()).isEqualTo(1);
  }

  @Test
  void nextDelay_whileEarlyAndAwaited_backsOffFrom50msToTheStartInterval() {
    assertThat(HealthRules.nextDelay(CONFIG, Health.starting(), T0, T0, true))
        .isEqualTo(Duration.ofMillis(50));
    assertThat(HealthRules.nextDelay(CONFIG, Health.starting(), T0.plusMillis(200), T0, true))
        .isEqualTo(Duration.ofMillis(200));
    assertThat(HealthRules.nextDelay(CONFIG, Health.starting(), T0.plusMillis(1500), T0, true))
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void nextDelay_whileEarlyAndNotAwaited_isDockers() {
    assertThat(HealthRules.nextDelay(CONFIG, Health.starting(), T0, T0, false))
        .as("in the start period: the start interval")
        .isEqualTo(Duration.ofSeconds(1));
    HealthcheckConfig noStartPeriod =
        new HealthcheckConfig(List.of("CMD", "true"), Duration.ofSeconds(1), null, null, null, 3);
    assertThat(HealthRules.nextDelay(noStartPeriod, Health.starting(), T0, T0, false))
        .as("no start period: the interval")
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void nextDelay_withoutAStartPeriod_landsTheFirstCountingProbeOnTheInterval() {
    HealthcheckConfig noStartPeriod =
        new HealthcheckConfig(List.of("CMD", "true"), Duration.ofSeconds(1), null, null, null, 3);

    assertThat(
            HealthRules.nextDelay(noStartPeriod, Health.starting(), T0.plusMillis(800), T0, true))
        .isEqualTo(Duration.ofMillis(200));
    assertThat(
            HealthRules.nextDelay(noStartPeriod, Health.starting(), T0.plusMillis(1000), T0, true))
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void nextDelay_probesAtTheStartIntervalWhileEarly_thenAtTheInterval() {
    assertThat(HealthRules.nextDelay(CONFIG, Health.starting(), T0.plusSeconds(3), T0, true))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(HealthRules.nextDelay(CONFIG, Health.starting(), T0.plusSeconds(31), T0, true))
        .isEqualTo(Duration.ofSeconds(10));
    assertThat(HealthRules.nextDelay(CONFIG, run(CONFIG, at(1, 0)), T0.plusSeconds(3), T0, true))
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void firstAwaitedDelay_is50msAfterTheStart_atOnceLater_noneOnceNotEarly() {
    assertThat(HealthRules.firstAwaitedDelay(CONFIG, Health.starting(), T0.plusMillis(20), T0))
        .isEqualTo(Duration.ofMillis(30));
    assertThat(HealthRules.firstAwaitedDelay(CONFIG, Health.starting(), T0.plusMillis(700), T0))
        .isEqualTo(Duration.ZERO);
    assertThat(HealthRules.firstAwaitedDelay(CONFIG, Health.starting(), T0.plusSeconds(31), T0))
        .isNull();
    assertThat(HealthRules.firstAwaitedDelay(CONFIG, run(CONFIG, at(1, 0)), T0.plusSeconds(3), T0))
        .isNull();
  }

  @Test
  void config_cmdShell_runsThroughBinSh() throws Exception {
    assertThat(HealthcheckConfig.of(List.of("CMD-SHELL", "exit 3")).command())
        .containsExactly("/bin/sh", "-c", "exit 3");
    assertThat(HealthcheckConfig.of(List.of("NONE")).disabled()).isTrue();
  }
}
