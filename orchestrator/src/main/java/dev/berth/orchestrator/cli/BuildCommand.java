package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.loader.ProjectFilters;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.reconcile.BuildOptions;
import dev.berth.orchestrator.reconcile.ServiceBuilds;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code berth build [SERVICE...]}: build the images of the services' {@code build:} sections. */
@Command(name = "build", description = "Build or rebuild services.")
final class BuildCommand implements Callable<Integer> {

  @ParentCommand BerthCommand parent;

  @Parameters(paramLabel = "SERVICE", description = "Services to build (default: all).")
  List<String> services = new ArrayList<>();

  @Option(names = "--no-cache", description = "Do not use cache when building the image.")
  boolean noCache;

  @Option(names = "--pull", description = "Always attempt to pull a newer version of the image.")
  boolean pull;

  @Option(
      names = "--build-arg",
      paramLabel = "KEY=VALUE",
      description = "Set build-time variables for services.")
  List<String> buildArgs = new ArrayList<>();

  @Option(
      names = {"-q", "--quiet"},
      description = "Don't print anything to STDOUT.")
  boolean quiet;

  @Override
  public Integer call() throws BerthException, EngineException {
    BuildOptions options = new BuildOptions(BuildOptions.Mode.ALWAYS, noCache, pull, args(), quiet);
    try (ProjectSession session = ProjectSession.open(parent, services)) {
      Project project = ProjectFilters.withSelectedServices(session.project(), services);
      List<String> selected = services.isEmpty() ? project.serviceNames() : services;
      boolean any =
          selected.stream()
              .map(project::service)
              .anyMatch(s -> s.isPresent() && ServiceBuilds.buildable(s.get()));
      if (!any) {
        session.progress().warn("no service to build: none of them has a build section");
        return 0;
      }
      new ServiceBuilds(
              session.engine(), quiet ? new PlainProgress(session.err(), true) : session.progress())
          .build(project, selected, options);
    }
    return 0;
  }

  private Map<String, String> args() throws BerthException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String a : buildArgs) {
      int eq = a.indexOf('=');
      if (eq == 0) {
        throw new BerthException(
            ErrorKind.USAGE, "invalid --build-arg \"" + a + "\": expected KEY=VALUE");
      }
      if (eq < 0) {
        String value = parent.host().env().get(a);
        if (value != null) {
          out.put(a, value);
        }
      } else {
        out.put(a.substring(0, eq), a.substring(eq + 1));
      }
    }
    return out;
  }
}
