package dev.berth.runtime.container;

/** Receives what happens to containers (create, start, die, restart, health_status, destroy). */
@FunctionalInterface
public interface ContainerEvents {
  /** Ignores every event. */
  ContainerEvents NONE = (id, action, detail) -> {};

  /** {@code action} is Docker's event name; {@code detail} is e.g. the exit code, or empty. */
  void event(String containerId, String action, String detail);
}
