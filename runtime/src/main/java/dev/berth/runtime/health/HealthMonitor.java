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
  private boolean awaited;
  private boolean probing;

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

  /**
   * Somebody waits for this container's health: while it starts, it is probed early from now on
   * ({@link HealthRules#nextDelay}), the first time {@link HealthRules#FIRST_PROBE} after its start
   * or at once.
   */
  public synchronized void awaited() {
    if (awaited || closed) {
      return;
    }
    awaited = true;
    Duration delay = HealthRules.firstAwaitedDelay(config, health, clock.instant(), startedAt);
    if (probing || delay == null || next == null) {
      return; // a probe under way schedules the next one early
    }
    if (next.getDelay(TimeUnit.MILLISECONDS) > delay.toMillis() && next.cancel(false)) {
      next = scheduler.schedule(this::probeOnce, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private synchronized void scheduleNext() {
    if (closed) {
      return;
    }
    Duration delay = HealthRules.nextDelay(config, health, clock.instant(), startedAt, awaited);
    next = scheduler.schedule(this::probeOnce, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void probeOnce() {
    synchronized (this) {
      if (closed) {
        return;
      }
      probing = true;
    }
    ProbeResult result = prober.probe(command, config.timeout());
    Health updated;
    synchronized (this) {
      probing = false;
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
