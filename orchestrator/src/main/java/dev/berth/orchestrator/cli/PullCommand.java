package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.reconcile.Lifecycle;
import dev.berth.runtime.api.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth pull}: Pull service images. */
@Command(name = "pull", description = "Pull service images.")
final class PullCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(paramLabel = "SERVICE", description = "Services (default: all).")
  List<String> services = new ArrayList<>();

  @Option(
      names = "--ignore-pull-failures",
      description = "Pull what it can and ignore images with pull failures.")
  boolean ignoreFailures;

  @Option(
      names = {"-q", "--quiet"},
      description = "Pull without printing progress information.")
  boolean quiet;

  @Override
  public Integer call() throws BerthException, EngineException {
    try (ProjectSession session = ProjectSession.open(parent, services)) {
      Lifecycle lifecycle = new Lifecycle(session.engine(), session.progress());
      lifecycle.pull(session.project(), services, ignoreFailures, session.parallel());
    }
    return 0;
  }
}
