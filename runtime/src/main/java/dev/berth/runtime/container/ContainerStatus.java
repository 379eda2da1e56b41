package dev.berth.runtime.container;

/** Docker's container states. */
public enum ContainerStatus {
  CREATED,
  RUNNING,
  PAUSED,
  RESTARTING,
  EXITED;

  /** Docker's lower-case spelling. */
  public String dockerName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
