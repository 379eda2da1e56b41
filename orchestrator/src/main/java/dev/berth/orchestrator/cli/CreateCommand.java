package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.plan.RecreatePolicy;
import dev.berth.orchestrator.reconcile.Reconciler;
import dev.berth.orchestrator.reconcile.UpOptions;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth create}: creates the project's containers without starting them. */
@Command(name = "create", description = "Creates containers for a service.")
final class CreateCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(paramLabel = "SERVICE", description = "Services (default: all).")
  List<String> services = new ArrayList<>();

  @Option(names = "--force-recreate", description = "Recreate containers even if unchanged.")
  boolean forceRecreate;

  @Option(names = "--no-recreate", description = "Don't recreate existing containers.")
  boolean noRecreate;

  @Option(names = "--remove-orphans", description = "Remove containers of services not defined.")
  boolean removeOrphans;

  @Option(names = "--pull", paramLabel = "POLICY", description = "always, missing or never.")
  String pull;

  @Override
  public Integer call() throws BerthException, EngineException {
    if (forceRecreate && noRecreate) {
      throw new BerthException(
          ErrorKind.USAGE, "--force-recreate and --no-recreate are incompatible");
    }
    RecreatePolicy policy =
        forceRecreate
            ? RecreatePolicy.FORCE
            : noRecreate ? RecreatePolicy.NEVER : RecreatePolicy.DIVERGED;
    try (ProjectSession session = ProjectSession.open(parent, services)) {
      new Reconciler(session.engine(), session.progress(), session.parallel())
          .up(
              session.project(),
              services,
              new UpOptions(
                  policy,
                  removeOrphans,
                  true,
                  pull,
                  Map.of(),
                  Duration.ofSeconds(10),
                  false,
                  false));
    }
    return 0;
  }
}
