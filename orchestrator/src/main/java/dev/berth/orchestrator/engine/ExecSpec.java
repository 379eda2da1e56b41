package dev.berth.orchestrator.engine;

import java.util.List;

/** A command to run in a running container, as {@code exec} gives it. */
public record ExecSpec(
    List<String> command, List<String> env, String user, String workingDir, boolean privileged) {

  public ExecSpec {
    command = List.copyOf(command);
    env = List.copyOf(env);
  }
}
