package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.reconcile.Lifecycle;
import dev.berth.runtime.api.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth kill}: Force stop service containers. */
@Command(name = "kill", description = "Force stop service containers.")
final class KillCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(paramLabel = "SERVICE", description = "Services (default: all).")
  List<String> services = new ArrayList<>();

  @Option(
      names = {"-s", "--signal"},
      paramLabel = "SIGNAL",
      description = "SIGNAL to send to the container.")
  String signal = "SIGKILL";

  @Override
  public Integer call() throws BerthException, EngineException {
    try (ProjectSession session = ProjectSession.open(parent, services)) {
      Lifecycle lifecycle = new Lifecycle(session.engine(), session.progress());
      lifecycle.kill(session.project(), services, signal);
    }
    return 0;
  }
}
