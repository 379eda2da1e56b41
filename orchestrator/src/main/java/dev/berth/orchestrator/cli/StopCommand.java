package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.reconcile.Lifecycle;
import dev.berth.runtime.api.EngineException;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth stop}: Stop services. */
@Command(name = "stop", description = "Stop services.")
final class StopCommand extends LifecycleCommand {

  @Option(
      names = {"-t", "--timeout"},
      paramLabel = "SECONDS",
      description = "Specify a shutdown timeout in seconds.")
  int timeout = 10;

  @Override
  void apply(Lifecycle lifecycle, Project project, List<String> services)
      throws BerthException, EngineException {
    lifecycle.stop(project, services, Duration.ofSeconds(timeout));
  }
}
