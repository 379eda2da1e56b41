package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.reconcile.DownOptions;
import dev.berth.orchestrator.reconcile.Teardown;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
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

  @Option(
      names = "--rmi",
      paramLabel = "TYPE",
      description =
          "Remove images used by services. \"local\" remove only images that don't have a"
              + " custom tag (\"local\"|\"all\").")
  String rmi;

  @Override
  public Integer call() throws BerthException, EngineException {
    DownOptions.Images images =
        switch (rmi == null ? "" : rmi) {
          case "" -> DownOptions.Images.NONE;
          case "local" -> DownOptions.Images.LOCAL;
          case "all" -> DownOptions.Images.ALL;
          default ->
              throw new BerthException(
                  ErrorKind.USAGE, "invalid --rmi \"" + rmi + "\": expected local or all");
        };
    try (ProjectSession session = ProjectSession.open(parent, java.util.List.of(), true)) {
      new Teardown(session.engine(), session.progress(), session.parallel())
          .down(
              session.project(),
              new DownOptions(
                  volumes,
                  removeOrphans,
                  timeout == null ? null : Duration.ofSeconds(timeout),
                  images));
    }
    return 0;
  }
}
