package dev.berth.orchestrator.plan;

import dev.berth.orchestrator.engine.ContainerInfo;

/**
 * One step for one replica: create it, recreate it (its config changed), start it, keep it as it
 * is, restart it (a dependency it declares {@code restart: true} on was replaced), or remove it
 * (scaled down). {@code existing} is null for {@link Kind#CREATE}.
 */
public record ContainerAction(Kind kind, String service, int number, ContainerInfo existing) {

  /** What to do. */
  public enum Kind {
    CREATE,
    RECREATE,
    START,
    KEEP,
    RESTART,
    REMOVE
  }
}
