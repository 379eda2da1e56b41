package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.api.ExecInspectTemplate;
import dev.berth.runtime.container.ExecSpec;
import java.time.Instant;
import java.util.List;

/**
 * One exec of {@code POST /containers/{id}/exec}: what to run and how to attach, then whether it
 * runs, its pid and its exit code. Starts at most once.
 */
final class ExecInstance {
  enum State {
    CREATED,
    RUNNING,
    EXITED
  }

  final String id;
  final String containerId;
  final String containerName;
  final ExecSpec spec;
  final boolean attachStdin;
  final boolean attachStdout;
  final boolean attachStderr;
  final boolean privileged;
  final String detachKeys;
  private State state = State.CREATED;
  private int pid;
  private Integer exitCode;
  private Instant endedAt;
  private Instant containerGoneAt;

  ExecInstance(
      String id,
      String containerId,
      String containerName,
      ExecSpec spec,
      boolean attachStdin,
      boolean attachStdout,
      boolean attachStderr,
      boolean privileged,
      String detachKeys) {
    this.id = id;
    this.containerId = containerId;
    this.containerName = containerName;
    this.spec = spec;
    this.attachStdin = attachStdin;
    this.attachStdout = attachStdout;
    this.attachStderr = attachStderr;
    this.privileged = privileged;
    this.detachKeys = detachKeys == null ? "" : detachKeys;
  }

  /** Marks the start; a second start is a CONFLICT, as dockerd answers. */
  synchronized void starting() throws EngineException {
    if (state != State.CREATED) {
      throw new EngineException(
          ErrorKind.CONFLICT,
          "exec instance "
              + id
              + (state == State.RUNNING ? " is already running" : " has already run")
              + ": an exec starts once");
    }
    state = State.RUNNING;
  }

  synchronized void running(int pid) {
    this.pid = pid;
  }

  synchronized void exited(int code, Instant now) {
    state = State.EXITED;
    exitCode = code;
    endedAt = now;
  }

  /** Whether to forget it: it ended, or its container went, longer than {@code keep} ago. */
  synchronized boolean expired(boolean containerExists, Instant now, java.time.Duration keep) {
    if (!containerExists && containerGoneAt == null) {
      containerGoneAt = now;
    }
    Instant since = containerGoneAt != null ? containerGoneAt : endedAt;
    return since != null && !now.isBefore(since.plus(keep));
  }

  /** The command as events name it, e.g. {@code sh -c exit 7}. */
  String commandLine() {
    return String.join(" ", spec.command());
  }

  synchronized ExecInspectTemplate inspect() {
    List<String> command = spec.command();
    return new ExecInspectTemplate(
        id,
        state == State.RUNNING,
        exitCode,
        new ExecInspectTemplate.ProcessConfig(
            privileged,
            spec.user(),
            spec.tty(),
            command.isEmpty() ? "" : command.get(0),
            command.isEmpty() ? List.of() : command.subList(1, command.size())),
        attachStdin,
        attachStderr,
        attachStdout,
        false,
        containerId,
        detachKeys,
        pid);
  }
}
