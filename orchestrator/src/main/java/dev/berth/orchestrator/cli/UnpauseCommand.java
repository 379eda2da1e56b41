package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.reconcile.Lifecycle;
import dev.berth.runtime.api.EngineException;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code berth unpause}: Unpause services. */
@Command(name = "unpause", description = "Unpause services.")
final class UnpauseCommand extends LifecycleCommand {

  @Override
  void apply(Lifecycle lifecycle, Project project, List<String> services)
      throws BerthException, EngineException {
    lifecycle.unpause(project, services);
  }
}
