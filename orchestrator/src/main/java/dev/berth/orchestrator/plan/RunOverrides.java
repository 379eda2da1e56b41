package dev.berth.orchestrator.plan;

import java.util.List;
import java.util.Map;

/**
 * What {@code run} changes of a service's container: command, entrypoint (null: the service's),
 * extra environment and labels, working dir and user (null: the service's), whether the service's
 * ports are published ({@code -P}) and its aliases kept ({@code --use-aliases}).
 */
public record RunOverrides(
    List<String> command,
    List<String> entrypoint,
    List<String> env,
    Map<String, String> labels,
    String workingDir,
    String user,
    boolean servicePorts,
    boolean useAliases,
    boolean interactive) {

  public RunOverrides {
    command = command == null ? null : List.copyOf(command);
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    env = List.copyOf(env);
    labels = Map.copyOf(labels);
  }
}
