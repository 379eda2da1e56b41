package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.plan.Labels;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.api.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth logs}: the output of the project's containers, one prefix per container. */
@Command(name = "logs", description = "View output from containers.")
final class LogsCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(paramLabel = "SERVICE", description = "Services to show (default: all).")
  List<String> services = new ArrayList<>();

  @Option(
      names = {"-f", "--follow"},
      description = "Follow log output.")
  boolean follow;

  @Option(
      names = {"-n", "--tail"},
      paramLabel = "N",
      description = "Number of lines to show from the end of the logs for each container, or all.")
  String tail = "all";

  @Option(
      names = {"-t", "--timestamps"},
      description = "Show timestamps.")
  boolean timestamps;

  @Option(names = "--no-log-prefix", description = "Don't print prefix in logs.")
  boolean noLogPrefix;

  @Option(names = "--no-color", description = "Produce monochrome output.")
  boolean noColor;

  @Option(names = "--index", paramLabel = "N", description = "Index of the container (replica).")
  Integer index;

  @Option(
      names = "--since",
      paramLabel = "TIME",
      description =
          "Show logs since timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42"
              + " minutes).")
  String since;

  @Option(
      names = "--until",
      paramLabel = "TIME",
      description =
          "Show logs before a timestamp (e.g. 2013-01-02T13:23:37Z) or relative (e.g. 42m for 42"
              + " minutes).")
  String until;

  @Override
  public Integer call() throws BerthException, EngineException {
    Instant now = Instant.now();
    String from = since == null ? null : unixSeconds("since", since, now);
    String to = until == null ? null : unixSeconds("until", until, now);
    try (ProjectSession session = ProjectSession.open(parent, services, true)) {
      Engine engine = session.engine();
      List<ContainerInfo> containers =
          new ArrayList<>(engine.containers(Labels.ofProject(session.project().name()), true));
      containers.removeIf(
          c ->
              (!services.isEmpty() && !services.contains(c.label(Labels.SERVICE).orElse("")))
                  || (index != null
                      && !c.label(Labels.NUMBER).orElse("").equals(index.toString())));
      containers.sort(Comparator.comparing(ContainerInfo::name));
      LogPrinter printer =
          new LogPrinter(
              session.out(),
              containers.stream().map(c -> shortName(session, c)).toList(),
              !noLogPrefix,
              Colours.enabled(parent.global().ansi(), noColor, parent.host()));
      List<Thread> readers = new ArrayList<>();
      List<Exception> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
      for (ContainerInfo c : containers) {
        LogPrinter.Sink sink = printer.sink(shortName(session, c));
        Thread t =
            new Thread(
                () -> {
                  try {
                    follow(engine, c, from, to, sink);
                  } catch (EngineException | IOException e) {
                    failures.add(e);
                  } finally {
                    sink.flush();
                  }
                },
                "berth-logs-" + c.name());
        t.setDaemon(true);
        t.start();
        readers.add(t);
      }
      for (Thread t : readers) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 130;
        }
      }
      if (!failures.isEmpty()) {
        Exception first = failures.get(0);
        if (first instanceof EngineException e) {
          throw e;
        }
        throw new BerthException(
            dev.berth.runtime.api.ErrorKind.UNAVAILABLE, "reading logs: " + first.getMessage());
      }
    }
    return 0;
  }

  /**
   * Streams one container's output; with {@code -f}, follows it again when its restart policy
   * brings it back, until it stays stopped or is removed.
   */
  private void follow(Engine engine, ContainerInfo c, String from, String to, LogPrinter.Sink sink)
      throws EngineException, IOException {
    boolean tty = engine.inspect(c.id()).map(s -> s.tty()).orElse(false);
    String resumed = null;
    while (true) {
      engine.logs(
          c.id(),
          tty,
          follow,
          resumed == null ? tail : "all",
          timestamps,
          resumed == null ? from : resumed,
          to,
          sink);
      if (!follow || to != null) {
        return; // with --until, the engine ends the stream there
      }
      resumed = Timestamps.unixSeconds(Instant.now());
      if (!restarts(engine, c.id())) {
        return;
      }
    }
  }

  /** A {@code --since}/{@code --until} value as Unix seconds, read as the docker CLI reads it. */
  private static String unixSeconds(String option, String value, Instant now)
      throws BerthException {
    try {
      return Timestamps.unixSeconds(Timestamps.parse(option, value, now));
    } catch (EngineException e) {
      throw new BerthException(ErrorKind.INVALID_ARGUMENT, "--" + option + ": " + e.getMessage());
    }
  }

  /** Whether the stopped container comes back within a few seconds (restart policy). */
  private static boolean restarts(Engine engine, String id) throws EngineException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < deadline) {
      var state = engine.inspect(id);
      if (state.isEmpty()) {
        return false;
      }
      if (state.get().running()) {
        return true;
      }
      if (!state.get().status().equals("restarting")) {
        deadline =
            Math.min(deadline, System.nanoTime() + java.time.Duration.ofMillis(1500).toNanos());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** {@code web-1}: the container name without the project prefix, as compose prints it. */
  static String shortName(ProjectSession session, ContainerInfo c) {
    String prefix = session.project().name() + "-";
    return c.name().startsWith(prefix) ? c.name().substring(prefix.length()) : c.name();
  }
}
