package dev.berth.orchestrator.plan;

/** When an existing container is replaced: on change (default), always, or never. */
public enum RecreatePolicy {
  DIVERGED,
  FORCE,
  NEVER
}
