package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.reconcile.DownOptions;
import dev.berth.orchestrator.reconcile.Teardown;
import dev.berth.runtime.api.EngineException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code berth down}: stop and remove containers and networks, and volumes with {@code -v}. */
@Command(name = "down", description = "Stop and remove containers, networks.")
final class DownCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Option(
      names = {"-v", "--volumes"},
      description = "Remove named volumes declared in the volumes section and anonymous volumes.")
  boolean volumes;

  @Option(names = "--remove-orphans", description = "Remove containers of services not defined.")
  boolean removeOrphans;

  @Option(
      names = {"-t", "--timeout"},
      paramLabel = "SECONDS",
      description = "Shutdown timeout in seconds.")
  Integer timeout;

  @Override
  public Integer call() throws BerthException, EngineException {
    try (ProjectSession session = ProjectSession.open(parent, java.util.List.of(), true)) {
      new Teardown(session.engine(), session.progress(), session.parallel())
          .down(
              session.project(),
              new DownOptions(
                  volumes, removeOrphans, timeout == null ? null : Duration.ofSeconds(timeout)));
    }
    return 0;
  }
}
