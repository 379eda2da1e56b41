package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.DaemonControl;
import dev.berth.orchestrator.engine.DaemonLauncher;
import dev.berth.orchestrator.engine.DaemonPaths;
import dev.berth.orchestrator.engine.DaemonStarter;
import dev.berth.orchestrator.engine.EngineAddress;
import dev.berth.orchestrator.engine.EngineConnector;
import dev.berth.orchestrator.engine.EngineStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code berth engine start|stop|status}: control of berthd, the engine berth starts on demand. The
 * engine is the one {@code --host} names, else {@code BERTH_HOST}, else berthd's own socket.
 */
@Command(
    name = "engine",
    description = "Start, stop or show berthd, the engine berth drives.",
    subcommands = {EngineCommand.Start.class, EngineCommand.Stop.class, EngineCommand.Status.class})
final class EngineCommand {

  @ParentCommand BerthCommand parent;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "berthd's state directory (default: $BERTH_ROOT, else /var/lib/berth).")
  Path root;

  @Option(
      names = "--exec-root",
      paramLabel = "DIR",
      description = "berthd's runtime directory (default: $BERTH_EXEC_ROOT, else /run/berth).")
  Path execRoot;

  DaemonPaths paths() throws BerthException {
    DaemonPaths defaults = DaemonPaths.of(parent.host().env(), root, execRoot, null);
    EngineAddress address = address(defaults);
    return new DaemonPaths(defaults.root(), defaults.execRoot(), address.socket());
  }

  EngineAddress address(DaemonPaths defaults) throws BerthException {
    return EngineAddress.resolve(parent.global().host(), parent.host().env(), defaults);
  }

  PrintWriter out() {
    return parent.spec.commandLine().getOut();
  }

  /** {@code berth engine start}: starts berthd unless an engine answers already. */
  @Command(name = "start", description = "Start berthd in the background unless it runs.")
  static final class Start implements Callable<Integer> {
    @ParentCommand EngineCommand engine;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        description = "How long to wait for berthd to answer (default: ${DEFAULT-VALUE}).")
    int timeout = (int) EngineConnector.START_TIMEOUT.toSeconds();

    @Override
    public Integer call() throws BerthException {
      DaemonPaths paths = engine.paths();
      DaemonStarter starter =
          new DaemonStarter(
              DaemonLauncher.forThisProcess(engine.parent.host().env()),
              Duration.ofSeconds(timeout));
      DaemonStarter.Outcome outcome = starter.ensureRunning(paths);
      engine
          .out()
          .println(
              outcome.started()
                  ? "berthd started (pid " + outcome.pid() + ") on " + paths.socket()
                  : "an engine already answers on " + paths.socket());
      return 0;
    }
  }

  /** {@code berth engine stop}: SIGTERM to berthd; its containers keep running. */
  @Command(name = "stop", description = "Stop berthd; its containers keep running.")
  static final class Stop implements Callable<Integer> {
    @ParentCommand EngineCommand engine;

    @Option(
        names = {"-t", "--timeout"},
        paramLabel = "SECONDS",
        description = "How long to wait for berthd to exit (default: ${DEFAULT-VALUE}).")
    int timeout = 30;

    @Override
    public Integer call() throws BerthException {
      Path socket = engine.paths().socket();
      Optional<Long> stopped = new DaemonControl(socket).stop(Duration.ofSeconds(timeout));
      engine
          .out()
          .println(
              stopped.isPresent()
                  ? "berthd (pid " + stopped.get() + ") stopped"
                  : "no engine answers on " + socket + ": nothing to stop");
      return 0;
    }
  }

  /** {@code berth engine status}: which engine answers, its root, runtime and host gaps. */
  @Command(
      name = "status",
      description = "Show the engine's version, root, socket, OCI runtime and what the host lacks.")
  static final class Status implements Callable<Integer> {
    @ParentCommand EngineCommand engine;

    @Override
    public Integer call() throws BerthException {
      EngineStatus status = new DaemonControl(engine.paths().socket()).status();
      status.lines().forEach(engine.out()::println);
      return 0;
    }
  }
}
