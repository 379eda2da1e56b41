package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.health.Health;
import dev.berth.runtime.health.HealthMonitor;
import dev.berth.runtime.health.Prober;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Runs a {@link HealthMonitor} per running container with a healthcheck and keeps its health. */
final class HealthSupervisor {
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final ContainerEvents events;
  private final Map<String, HealthMonitor> monitors = new ConcurrentHashMap<>();
  private final Map<String, Health> healths = new ConcurrentHashMap<>();

  /** Probes run on their own threads so a slow probe never delays exit detection. */
  HealthSupervisor(Clock clock, ContainerEvents events) {
    this.clock = clock;
    this.scheduler =
        Executors.newScheduledThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "berth-health");
              t.setDaemon(true);
              return t;
            });
    this.events = events;
  }

  /** Starts probing a container that started at {@code startedAt}, if it has a healthcheck. */
  void start(ContainerRecord record, Prober prober, Instant startedAt) throws EngineException {
    if (record.healthcheck() == null) {
      return;
    }
    String id = record.id();
    healths.put(id, Health.starting());
    HealthMonitor monitor =
        HealthMonitor.start(
            record.healthcheck().toConfig(),
            prober,
            clock,
            scheduler,
            startedAt,
            health -> {
              Health before = healths.put(id, health);
              if (before == null || before.status() != health.status()) {
                events.event(id, "health_status", health.status().dockerName());
              }
            });
    monitors.put(id, monitor);
  }

  /** Somebody waits for the container's health: see {@link HealthMonitor#awaited}. */
  void awaited(String id) {
    HealthMonitor monitor = monitors.get(id);
    if (monitor != null) {
      monitor.awaited();
    }
  }

  /** Stops probing; the last health stays readable. */
  void stop(String id) {
    HealthMonitor monitor = monitors.remove(id);
    if (monitor != null) {
      monitor.close();
    }
  }

  Health health(ContainerRecord record) {
    return record.healthcheck() == null
        ? Health.none()
        : healths.getOrDefault(record.id(), Health.starting());
  }

  void forget(String id) {
    stop(id);
    healths.remove(id);
  }

  /** Stops every monitor and the probe threads. */
  void close() {
    monitors.values().forEach(HealthMonitor::close);
    monitors.clear();
    scheduler.shutdownNow();
  }
}
