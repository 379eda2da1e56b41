package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.reconcile.Lifecycle;
import dev.berth.runtime.api.EngineException;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code berth start}: Start services. */
@Command(name = "start", description = "Start services.")
final class StartCommand extends LifecycleCommand {

  @Override
  void apply(Lifecycle lifecycle, Project project, List<String> services)
      throws BerthException, EngineException {
    lifecycle.start(project, services);
  }
}
