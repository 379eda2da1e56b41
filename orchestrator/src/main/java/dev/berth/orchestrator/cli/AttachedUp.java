package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.model.Dependency;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.Service;
import dev.berth.orchestrator.plan.Labels;
import dev.berth.orchestrator.reconcile.Progress;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Attached {@code up}: streams the output of the attached containers until they all exit; with a
 * cascade ({@code --abort-on-container-exit}, {@code --abort-on-container-failure}, {@code
 * --exit-code-from}) the first exit stops the others. A one-shot that others wait for with {@code
 * service_completed_successfully} and that exits 0 never starts the cascade.
 */
final class AttachedUp {

  /** Which exits stop everything. */
  enum Cascade {
    NONE,
    ON_EXIT,
    ON_FAILURE
  }

  private record Exit(ContainerInfo container, int code) {}

  private final Engine engine;
  private final Progress progress;
  private final LogPrinter printer;
  private final Project project;
  private final boolean timestamps;
  private final InterruptSource interrupts;

  AttachedUp(
      Engine engine,
      Progress progress,
      LogPrinter printer,
      Project project,
      boolean timestamps,
      InterruptSource interrupts) {
    this.interrupts = interrupts;
    this.engine = engine;
    this.progress = progress;
    this.printer = printer;
    this.project = project;
    this.timestamps = timestamps;
  }

  /** The exit code {@code up} returns. */
  int run(
      List<ContainerInfo> attached,
      List<ContainerInfo> all,
      Cascade cascade,
      String exitCodeFrom,
      Duration grace)
      throws BerthException, EngineException {
    BlockingQueue<Exit> exits = new LinkedBlockingQueue<>();
    Map<String, Thread> readers = new LinkedHashMap<>();
    for (ContainerInfo c : attached) {
      LogPrinter.Sink sink = printer.sink(shortName(c));
      Thread reader =
          daemon(
              "berth-attach-" + c.name(),
              () -> {
                try {
                  boolean tty = engine.inspect(c.id()).map(s -> s.tty()).orElse(false);
                  engine.logs(c.id(), tty, true, "all", timestamps, sink);
                } catch (EngineException | IOException e) {
                  progress.warn("reading the output of " + c.name() + ": " + e.getMessage());
                } finally {
                  sink.flush();
                }
              });
      readers.put(c.id(), reader);
      daemon(
          "berth-wait-" + c.name(),
          () -> {
            int code;
            try {
              code = engine.waitExit(c.id());
            } catch (EngineException e) {
              code = -1;
            }
            exits.add(new Exit(c, code));
          });
    }
    Set<String> oneShots = completedOneShots();
    try (Interrupts signals =
        Interrupts.install(
            interrupts,
            new Interrupts.Reaction() {
              @Override
              public void gracefulStop() {
                printer.note("Gracefully stopping... (press Ctrl+C again to force)");
                stopAll(all, grace);
              }

              @Override
              public void kill() {
                for (ContainerInfo c : all) {
                  try {
                    engine.kill(c.id(), "SIGKILL");
                  } catch (EngineException e) {
                    progress.warn("killing " + c.name() + ": " + e.getMessage());
                  }
                }
              }
            })) {
      return collect(exits, readers, attached, all, cascade, exitCodeFrom, grace, oneShots);
    }
  }

  private int collect(
      BlockingQueue<Exit> exits,
      Map<String, Thread> readers,
      List<ContainerInfo> attached,
      List<ContainerInfo> all,
      Cascade cascade,
      String exitCodeFrom,
      Duration grace,
      Set<String> oneShots)
      throws BerthException {
    Set<String> pending = new HashSet<>();
    attached.forEach(c -> pending.add(c.id()));
    boolean aborting = false;
    Integer result = null;
    while (!pending.isEmpty()) {
      Exit exit = take(exits);
      pending.remove(exit.container().id());
      join(readers.get(exit.container().id()));
      String service = exit.container().label(Labels.SERVICE).orElse("");
      if (!aborting) {
        printer.note(shortName(exit.container()) + " exited with code " + exit.code());
      }
      if (exitCodeFrom != null && exitCodeFrom.equals(service)) {
        result = exit.code();
      }
      boolean triggers =
          switch (cascade) {
            case NONE -> false;
            case ON_EXIT -> !(exit.code() == 0 && oneShots.contains(service));
            case ON_FAILURE -> exit.code() != 0;
          };
      if (triggers && !aborting) {
        aborting = true;
        if (result == null && exitCodeFrom == null) {
          result = exit.code();
        }
        printer.note("Aborting on container exit...");
        stopAll(all, grace);
      }
    }
    return result == null ? 0 : result;
  }

  private void stopAll(List<ContainerInfo> all, Duration grace) {
    List<Thread> stops = new ArrayList<>();
    for (ContainerInfo c : all) {
      stops.add(
          daemon(
              "berth-stop-" + c.name(),
              () -> {
                try {
                  progress.event("Container", c.name(), "Stopping");
                  engine.stop(c.id(), grace);
                  progress.event("Container", c.name(), "Stopped");
                } catch (EngineException e) {
                  progress.warn("stopping " + c.name() + ": " + e.getMessage());
                }
              }));
    }
    stops.forEach(AttachedUp::join);
  }

  /** Services others wait for with {@code service_completed_successfully}. */
  private Set<String> completedOneShots() {
    Set<String> out = new HashSet<>();
    for (Service s : project.serviceList()) {
      for (Dependency d : s.dependsOn()) {
        if (d.condition() == Dependency.Condition.SERVICE_COMPLETED_SUCCESSFULLY) {
          out.add(d.service());
        }
      }
    }
    return out;
  }

  private String shortName(ContainerInfo c) {
    String prefix = project.name() + "-";
    return c.name().startsWith(prefix) ? c.name().substring(prefix.length()) : c.name();
  }

  private static Exit take(BlockingQueue<Exit> exits) throws BerthException {
    try {
      return exits.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException(ErrorKind.UNAVAILABLE, "interrupted");
    }
  }

  private static void join(Thread t) {
    if (t == null) {
      return;
    }
    try {
      t.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
