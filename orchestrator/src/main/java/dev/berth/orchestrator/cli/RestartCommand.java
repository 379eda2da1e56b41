package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.reconcile.Lifecycle;
import dev.berth.runtime.api.EngineException;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code berth restart}: Restart service containers. */
@Command(name = "restart", description = "Restart service containers.")
final class RestartCommand extends LifecycleCommand {

  @Option(
      names = {"-t", "--timeout"},
      paramLabel = "SECONDS",
      description = "Specify a shutdown timeout in seconds.")
  int timeout = 10;

  @Override
  void apply(Lifecycle lifecycle, Project project, List<String> services)
      throws BerthException, EngineException {
    lifecycle.restart(project, services, Duration.ofSeconds(timeout));
  }
}
