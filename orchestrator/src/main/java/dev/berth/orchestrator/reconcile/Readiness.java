package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.engine.ContainerState;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.model.Dependency;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.plan.Labels;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Waits for containers to meet a condition: a dependency's {@code depends_on} condition, or {@code
 * up --wait}'s "running and healthy, or exited 0". A container that exits non-zero or turns
 * unhealthy fails at once, with its last log lines and probe output in the message.
 */
final class Readiness {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final int LOG_LINES = 20;

  private final Engine engine;
  private final Progress progress;

  Readiness(Engine engine, Progress progress) {
    this.engine = engine;
    this.progress = progress;
  }

  /** Blocks until every container of {@code dep.service()} meets {@code dep.condition()}. */
  void awaitCondition(Project project, Dependency dep) throws BerthException, EngineException {
    if (dep.condition() == Dependency.Condition.SERVICE_STARTED) {
      return;
    }
    for (ContainerInfo c :
        engine.containers(Labels.ofService(project.name(), dep.service()), true)) {
      progress.event("Container", c.name(), "Waiting");
      if (dep.condition() == Dependency.Condition.SERVICE_HEALTHY) {
        awaitHealthy(c);
        progress.event("Container", c.name(), "Healthy");
      } else {
        int code = engine.waitExit(c.id());
        if (code != 0) {
          throw new BerthException(
              ErrorKind.UNAVAILABLE,
              "service \""
                  + dep.service()
                  + "\" didn't complete successfully: exit "
                  + code
                  + lastLogs(c.id(), false));
        }
        progress.event("Container", c.name(), "Exited");
      }
    }
  }

  /**
   * {@code up --wait}: blocks until each container of {@code services} runs (healthy when it has a
   * healthcheck) or has exited 0, failing fast otherwise, and after {@code timeout} (null: never).
   */
  void awaitAll(Project project, List<String> services, Duration timeout)
      throws BerthException, EngineException {
    long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
    List<ContainerInfo> pending = new ArrayList<>();
    for (String s : services) {
      pending.addAll(engine.containers(Labels.ofService(project.name(), s), true));
    }
    pending.forEach(c -> progress.event("Container", c.name(), "Waiting"));
    // Ready counts only when seen on two polls in a row: a container that crashes just after it
    // started (seen "running" once, as a fast engine shows it) then fails instead of passing.
    java.util.Set<String> seenReady = new java.util.HashSet<>();
    while (!pending.isEmpty()) {
      List<ContainerInfo> still = new ArrayList<>();
      for (ContainerInfo c : pending) {
        if (!ready(c, true)) {
          seenReady.remove(c.id());
          still.add(c);
        } else if (seenReady.add(c.id())) {
          still.add(c);
        } else {
          progress.event("Container", c.name(), "Healthy");
        }
      }
      pending = still;
      if (pending.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new BerthException(
            ErrorKind.UNAVAILABLE,
            "application not healthy after "
                + timeout.toSeconds()
                + "s: still waiting for "
                + String.join(", ", pending.stream().map(ContainerInfo::name).toList()));
      }
      sleep();
    }
  }

  private void awaitHealthy(ContainerInfo c) throws BerthException, EngineException {
    while (!ready(c, false)) {
      sleep();
    }
  }

  /**
   * Whether {@code c} is ready: running and healthy (or without a healthcheck); with {@code
   * exitedOk}, also exited 0. Throws when it can no longer become ready.
   */
  private boolean ready(ContainerInfo c, boolean exitedOk) throws BerthException, EngineException {
    Optional<ContainerState> found = engine.inspect(c.id());
    if (found.isEmpty()) {
      throw new BerthException(ErrorKind.NOT_FOUND, "container " + c.name() + " was removed");
    }
    ContainerState s = found.get();
    if (s.health().equals("unhealthy")) {
      throw new BerthException(
          ErrorKind.UNAVAILABLE,
          "container " + c.name() + " is unhealthy" + probes(s) + lastLogs(c.id(), s.tty()));
    }
    if (s.finished()) {
      if (exitedOk && s.exitCode() == 0) {
        return true;
      }
      throw new BerthException(
          ErrorKind.UNAVAILABLE,
          "container " + c.name() + " exited (" + s.exitCode() + ")" + lastLogs(c.id(), s.tty()));
    }
    return s.running() && (s.health().isEmpty() || s.health().equals("healthy"));
  }

  private static String probes(ContainerState s) {
    if (s.probeOutput().isEmpty()) {
      return "";
    }
    String last = s.probeOutput().get(s.probeOutput().size() - 1).strip();
    return "\nlast health probe output:\n  " + last.replace("\n", "\n  ");
  }

  /** The container's last lines, indented, for an error message. */
  String lastLogs(String id, boolean tty) {
    StringBuilder sb = new StringBuilder();
    try {
      engine.logs(
          id, tty, false, Integer.toString(LOG_LINES), false, line -> sb.append(line.text()));
    } catch (EngineException | IOException e) {
      return "\n(its logs could not be read: " + e.getMessage() + ")";
    }
    String text = sb.toString().strip();
    if (text.isEmpty()) {
      return "\n(it logged nothing)";
    }
    return "\nlast " + LOG_LINES + " log lines:\n  " + text.replace("\n", "\n  ");
  }

  private static void sleep() throws BerthException {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException(ErrorKind.UNAVAILABLE, "interrupted while waiting");
    }
  }
}
