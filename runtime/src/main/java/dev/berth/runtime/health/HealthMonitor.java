package dev.berth.runtime.health;

import dev.berth.runtime.api.EngineException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Probes one running container on a schedule and reports each new {@link Health}; stops when closed
 * (the container stopped or was removed).
 */
public final class HealthMonitor implements AutoCloseable {
  private final HealthcheckConfig config;
  private final List<String> command;
  private final Prober prober;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Instant startedAt;
  private final Consumer<Health> listener;
  private Health health = Health.starting();
  private ScheduledFuture<?> next;
  private boolean closed;

  private HealthMonitor(
      HealthcheckConfig config,
      Prober prober,
      Clock clock,
      ScheduledExecutorService scheduler,
      Instant startedAt,
      Consumer<Health> listener)
      throws EngineException {
    this.config = config;
    this.command = config.command();
    this.prober = prober;
    this.clock = clock;
    this.scheduler = scheduler;
    this.startedAt = startedAt;
    this.listener = listener;
  }

  /** Starts probing a container that started at {@code startedAt}. */
  public static HealthMonitor start(
      HealthcheckConfig config,
      Prober prober,
      Clock clock,
      ScheduledExecutorService scheduler,
      Instant startedAt,
      Consumer<Health> listener)
      throws EngineException {
    HealthMonitor monitor =
        new HealthMonitor(config, prober, clock, scheduler, startedAt, listener);
    monitor.scheduleNext();
    return monitor;
  }

  /** The health after the probes so far. */
  public synchronized Health health() {
    return health;
  }

  private synchronized void scheduleNext() {
    if (closed) {
      return;
    }
    Duration delay = HealthRules.nextDelay(config, health, clock.instant(), startedAt);
    next = scheduler.schedule(this::probeOnce, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void probeOnce() {
    ProbeResult result = prober.probe(command, config.timeout());
    Health updated;
    synchronized (this) {
      if (closed) {
        return;
      }
      health = HealthRules.apply(config, health, result, startedAt);
      updated = health;
    }
    listener.accept(updated);
    scheduleNext();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (next != null) {
      next.cancel(false);
    }
  }
}
