package dev.berth.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthMonitorTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  @Test
  void monitor_probesWithTheCommandAndReportsTransitions() throws Exception {
    HealthcheckConfig config =
        new HealthcheckConfig(
            List.of("CMD-SHELL", "check"),
            Duration.ofMillis(40),
            Duration.ofMillis(500),
            null,
            Duration.ofMillis(10),
            2);
    AtomicInteger calls = new AtomicInteger();
    ConcurrentLinkedQueue<HealthStatus> reported = new ConcurrentLinkedQueue<>();
    Clock clock = Clock.systemUTC();
    Prober prober =
        (command, timeout) -> {
          assertThat(command).containsExactly("/bin/sh", "-c", "check");
          assertThat(timeout).isEqualTo(Duration.ofMillis(500));
          int n = calls.incrementAndGet();
          Instant now = clock.instant();
          return new ProbeResult(now, now, n <= 2 ? 0 : 1, "probe " + n);
        };

    try (HealthMonitor monitor =
        HealthMonitor.start(
            config, prober, clock, scheduler, clock.instant(), h -> reported.add(h.status()))) {
      await().atMost(Duration.ofSeconds(5)).until(() -> reported.contains(HealthStatus.UNHEALTHY));

      assertThat(reported).startsWith(HealthStatus.HEALTHY, HealthStatus.HEALTHY);
      assertThat(monitor.health().log()).isNotEmpty();
      assertThat(monitor.health().log().get(monitor.health().log().size() - 1).output())
          .startsWith("probe ");
    }
    int after = calls.get();
    Thread.sleep(150);
    assertThat(calls.get()).isLessThanOrEqualTo(after + 1);
  }

  @Test
  void aContainerNobodyWaitsFor_isFirstProbedAfterItsInterval_anAwaitedOneAtOnce()
      throws Exception {
    HealthcheckConfig config =
        new HealthcheckConfig(List.of("CMD", "true"), Duration.ofSeconds(30), null, null, null, 3);
    Clock clock = Clock.systemUTC();
    AtomicInteger calls = new AtomicInteger();
    Prober prober =
        (command, timeout) -> {
          calls.incrementAndGet();
          Instant now = clock.instant();
          return new ProbeResult(now, now, 0, "");
        };
    Instant started = clock.instant().minusMillis(200);
    try (HealthMonitor monitor =
        HealthMonitor.start(config, prober, clock, scheduler, started, h -> {})) {
      Thread.sleep(300);
      assertThat(calls.get()).as("Docker's first probe is an interval after the start").isZero();
      assertThat(monitor.health().status()).isEqualTo(HealthStatus.STARTING);

      monitor.awaited();
      await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1);
      assertThat(monitor.health().status()).isEqualTo(HealthStatus.HEALTHY);
    }
  }
}
