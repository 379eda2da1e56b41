package dev.berth.runtime.container;

import dev.berth.runtime.health.Health;
import java.time.Instant;
import java.util.Optional;

/** Inspect-level state of a container. */
public record ContainerState(
    String id,
    String name,
    ContainerStatus status,
    int pid,
    int exitCode,
    boolean oomKilled,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    int restartCount,
    Health health) {

  /** Whether the container's process is alive (running or paused). */
  public boolean running() {
    return status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED;
  }
}
