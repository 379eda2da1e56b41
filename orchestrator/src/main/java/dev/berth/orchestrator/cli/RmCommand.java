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

/** {@code berth rm}: Removes stopped service containers. */
@Command(name = "rm", description = "Removes stopped service containers.")
final class RmCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(paramLabel = "SERVICE", description = "Services (default: all).")
  List<String> services = new ArrayList<>();

  @Option(
      names = {"-f", "--force"},
      description = "Don't ask to confirm removal (berth never asks).")
  boolean force;

  @Option(
      names = {"-s", "--stop"},
      description = "Stop the containers, if required, before removing.")
  boolean stop;

  @Option(
      names = {"-v", "--volumes"},
      description = "Remove any anonymous volumes attached to containers.")
  boolean volumes;

  @Override
  public Integer call() throws BerthException, EngineException {
    try (ProjectSession session = ProjectSession.open(parent, services)) {
      Lifecycle lifecycle = new Lifecycle(session.engine(), session.progress());
      if (lifecycle.remove(session.project(), services, stop, volumes).isEmpty()) {
        session.err().println("No stopped containers");
        session.err().flush();
      }
    }
    return 0;
  }
}
