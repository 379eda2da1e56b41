package dev.berth.orchestrator.engine;

import java.util.List;
import java.util.Map;

/**
 * A container's inspected state: {@code status} as the engine says it ({@code running}, {@code
 * exited}, ...), its exit code, and its health ({@code ""} when it has no healthcheck) with the
 * output of the last probes, and the volumes mounted in it by mount point.
 */
public record ContainerState(
    String id,
    String name,
    String status,
    int exitCode,
    String health,
    List<String> probeOutput,
    boolean tty,
    Map<String, String> volumes) {

  public ContainerState {
    health = health == null ? "" : health;
    probeOutput = List.copyOf(probeOutput);
    volumes = Map.copyOf(volumes);
  }

  public boolean running() {
    return status.equals("running");
  }

  /** Whether it stopped: exited or dead. */
  public boolean finished() {
    return status.equals("exited") || status.equals("dead");
  }
}
