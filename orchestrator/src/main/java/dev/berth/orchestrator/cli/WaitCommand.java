package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.reconcile.Lifecycle;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth wait}: blocks until the services' containers stop; the first one's exit code. */
@Command(name = "wait", description = "Block until containers of all (or specified) services stop.")
final class WaitCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(paramLabel = "SERVICE", arity = "1..*", description = "Services to wait for.")
  List<String> services = new ArrayList<>();

  @Option(
      names = "--down-project",
      description = "Drops the project when the first container stops.")
  boolean downProject;

  @Override
  public Integer call() throws BerthException, EngineException {
    if (downProject) {
      throw new BerthException(ErrorKind.UNSUPPORTED, "wait --down-project is not supported yet");
    }
    try (ProjectSession session = ProjectSession.open(parent, services)) {
      Integer first = null;
      for (ContainerInfo c :
          new Lifecycle(session.engine(), session.progress())
              .containers(session.project(), services, true)) {
        int code = session.engine().waitExit(c.id());
        session.out().println(c.name() + " exited with code " + code);
        session.out().flush();
        if (first == null) {
          first = code;
        }
      }
      return first == null ? 0 : first;
    }
  }
}
