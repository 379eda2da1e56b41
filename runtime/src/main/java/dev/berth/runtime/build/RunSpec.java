package dev.berth.runtime.build;

import java.nio.file.Path;
import java.util.List;

/**
 * One RUN: the stage's layers (lowest first), the full command (shell included for the shell form),
 * and the stage's environment, user and working directory, plus the build's network options.
 */
public record RunSpec(
    List<Path> layers,
    List<String> command,
    List<String> env,
    String user,
    String workingDir,
    String networkMode,
    List<String> extraHosts,
    long shmSize) {
  public RunSpec {
    layers = List.copyOf(layers);
    command = List.copyOf(command);
    env = List.copyOf(env);
    extraHosts = List.copyOf(extraHosts);
  }
}
