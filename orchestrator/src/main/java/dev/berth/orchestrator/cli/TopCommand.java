package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.reconcile.Lifecycle;
import dev.berth.runtime.api.EngineException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth top}: the processes of each running service container. */
@Command(name = "top", description = "Display the running processes.")
final class TopCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(paramLabel = "SERVICE", description = "Services (default: all).")
  List<String> services = new ArrayList<>();

  @Override
  public Integer call() throws BerthException, EngineException {
    try (ProjectSession session = ProjectSession.open(parent, services)) {
      PrintWriter out = session.out();
      List<ContainerInfo> found =
          new Lifecycle(session.engine(), session.progress())
              .containers(session.project(), services, false);
      for (ContainerInfo c : found) {
        out.println(c.name());
        List<List<String>> rows = session.engine().top(c.id());
        Tables.print(out, rows);
        out.println();
      }
      out.flush();
    }
    return 0;
  }
}
