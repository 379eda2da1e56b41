package dev.berth.orchestrator.engine;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container as listed by the engine: identity, compose labels and state ({@code created}, {@code
 * running}, {@code exited}, ...), with its human status line ({@code Up 3 seconds (healthy)}).
 */
public record ContainerInfo(
    String id,
    String name,
    String image,
    String command,
    long created,
    String state,
    String status,
    Map<String, String> labels,
    List<ContainerInfo.Port> ports) {

  public ContainerInfo {
    labels = Map.copyOf(labels);
    ports = List.copyOf(ports);
  }

  /** A container port, with its host binding when published. */
  public record Port(String hostIp, Integer hostPort, int containerPort, String protocol) {}

  /** The value of label {@code key}, if set. */
  public Optional<String> label(String key) {
    return Optional.ofNullable(labels.get(key));
  }

  public boolean running() {
    return state.equals("running");
  }
}
