package dev.berth.runtime.container;

import java.util.List;

/**
 * An extra process to run in a running container; empty strings keep the container's values. With
 * {@code tty} the process gets a terminal and its output arrives as one stream.
 */
public record ExecSpec(
    List<String> command, List<String> env, String user, String workingDir, boolean tty) {
  public ExecSpec {
    command = List.copyOf(command);
    env = List.copyOf(env);
    user = user == null ? "" : user;
    workingDir = workingDir == null ? "" : workingDir;
  }

  /** Without a terminal. */
  public ExecSpec(List<String> command, List<String> env, String user, String workingDir) {
    this(command, env, user, workingDir, false);
  }

  /** Just a command, as the container runs. */
  public static ExecSpec of(String... command) {
    return new ExecSpec(List.of(command), List.of(), "", "", false);
  }
}
