package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.reconcile.Lifecycle;
import dev.berth.runtime.api.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * A command that applies one lifecycle step ({@code start}, {@code stop}, {@code pause}, …) to the
 * containers of the named services, or of all services.
 */
abstract class LifecycleCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(paramLabel = "SERVICE", description = "Services (default: all).")
  List<String> services = new ArrayList<>();

  @Override
  public final Integer call() throws BerthException, EngineException {
    try (ProjectSession session = ProjectSession.open(parent, services)) {
      apply(new Lifecycle(session.engine(), session.progress()), session.project(), services);
    }
    return 0;
  }

  /** The step, on {@code services} of {@code project} (all when empty). */
  abstract void apply(Lifecycle lifecycle, Project project, List<String> services)
      throws BerthException, EngineException;
}
