package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.reconcile.Lifecycle;
import dev.berth.runtime.api.EngineException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth restart}: Restart service containers. */
@Command(name = "restart", description = "Restart service containers.")
final class RestartCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(paramLabel = "SERVICE", description = "Services (default: all).")
  List<String> services = new ArrayList<>();

  @Option(
      names = {"-t", "--timeout"},
      paramLabel = "SECONDS",
      description = "Specify a shutdown timeout in seconds.")
  int timeout = 10;

  @Override
  public Integer call() throws BerthException, EngineException {
    try (ProjectSession session = ProjectSession.open(parent, services)) {
      Lifecycle lifecycle = new Lifecycle(session.engine(), session.progress());
      lifecycle.restart(session.project(), services, Duration.ofSeconds(timeout));
    }
    return 0;
  }
}
