package dev.berth.orchestrator.engine;

import java.util.List;

/**
 * A container's inspected state: {@code status} as the engine says it ({@code running}, {@code
 * exited}, ...), its exit code, and its health ({@code ""} when it has no healthcheck) with the
 * output of the last probes.
 */
public record ContainerState(
    String id,
    String name,
    String status,
    int exitCode,
    String health,
    List<String> probeOutput,
    boolean tty) {

  public ContainerState {
    health = health == null ? "" : health;
    probeOutput = List.copyOf(probeOutput);
  }

  public boolean running() {
    return status.equals("running");
  }

  /** Whether it stopped: exited or dead. */
  public boolean finished() {
    return status.equals("exited") || status.equals("dead");
  }
}
