package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.loader.ComposeLoader;
import dev.berth.orchestrator.loader.LoadRequest;
import dev.berth.orchestrator.loader.LoadedProject;
import dev.berth.orchestrator.loader.ProjectFilters;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Mark;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.plan.InlineSources;
import dev.berth.orchestrator.reconcile.Progress;
import dev.berth.orchestrator.reconcile.ServiceBuilds;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a project command works with: the loaded project (global flags {@code -f}, {@code -p},
 * {@code --env-file}, {@code --profile}, {@code --project-directory}), the engine, and the progress
 * and warning output.
 */
final class ProjectSession implements AutoCloseable {
  private final BerthCommand parent;
  private final Project project;
  private final Engine engine;

  private ProjectSession(BerthCommand parent, Project project, Engine engine) {
    this.parent = parent;
    this.project = project;
    this.engine = engine;
  }

  /** Loads the project with {@code services} selected (their dependencies come along). */
  static ProjectSession open(BerthCommand parent, List<String> services)
      throws BerthException, EngineException {
    return open(parent, services, false);
  }

  /**
   * As {@link #open(BerthCommand, List)}; with {@code modelOptional}, {@code -p NAME} without any
   * compose file gives an empty project of that name, so {@code berth -p ci-42 down} cleans up
   * after a job whose checkout is gone, as {@code docker compose} allows.
   */
  static ProjectSession open(BerthCommand parent, List<String> services, boolean modelOptional)
      throws BerthException, EngineException {
    if (parent.global().dryRun()) {
      throw new BerthException(
          ErrorKind.UNSUPPORTED,
          "--dry-run is not supported yet: nothing was done (run `berth config` to see the model)");
    }
    HostContext host = parent.host();
    GlobalOptions g = parent.global();
    List<String> envFiles = new ArrayList<>();
    g.envFiles().forEach(p -> envFiles.add(p.toString()));
    LoadRequest request =
        LoadRequest.builder(host.cwd(), host.env())
            .files(g.files())
            .projectName(g.projectName())
            .projectDirectory(g.projectDirectory())
            .envFiles(envFiles)
            .profiles(g.profiles())
            .services(services)
            .stdin(g.files().contains("-") ? host.stdinText() : null)
            .build();
    try (EarlyEngine early = parent.engineEarly()) {
      return open(parent, services, modelOptional, request, early);
    }
  }

  private static ProjectSession open(
      BerthCommand parent,
      List<String> services,
      boolean modelOptional,
      LoadRequest request,
      EarlyEngine early)
      throws BerthException, EngineException {
    HostContext host = parent.host();
    GlobalOptions g = parent.global();
    LoadedProject loaded;
    try {
      loaded = ComposeLoader.load(request);
    } catch (BerthException e) {
      if (!modelOptional
          || g.projectName() == null
          || !g.files().isEmpty()
          || !e.getMessage().startsWith("no configuration file provided")) {
        throw e;
      }
      Project empty =
          new Project(
              g.projectName(),
              host.cwd(),
              List.of(),
              new MapNode(
                  java.util.Map.of("name", ScalarNode.string(g.projectName(), Mark.NONE)),
                  Mark.NONE));
      return new ProjectSession(parent, empty, EngineConnection.open(parent, early));
    }
    PrintWriter err = parent.spec.commandLine().getErr();
    loaded.warnings().forEach(w -> err.println("berth: warning: " + w));
    Project project =
        ServiceBuilds.withImageNames(InlineSources.resolve(loaded.project(), loaded.environment()));
    ProjectFilters.withSelectedServices(project, services); // names an unknown service
    Engine engine = EngineConnection.open(parent, early);
    return new ProjectSession(parent, project, engine);
  }

  /** The whole project; commands select their services from it. */
  Project project() {
    return project;
  }

  Engine engine() {
    return engine;
  }

  PrintWriter out() {
    return parent.spec.commandLine().getOut();
  }

  PrintWriter err() {
    return parent.spec.commandLine().getErr();
  }

  /**
   * The progress view {@code --progress} asks for, on standard error: live lines on a terminal
   * ({@code auto}, {@code tty}), else plain lines; {@code json} objects; {@code quiet} warnings
   * only.
   */
  Progress progress() {
    return switch (parent.global().progress()) {
      case quiet -> new PlainProgress(err(), true);
      case json -> new JsonProgress(err());
      case tty -> new TtyProgress(err());
      case plain -> new PlainProgress(err(), false);
      case auto ->
          parent.host().terminal() && parent.global().ansi() != GlobalOptions.Ansi.never
              ? new TtyProgress(err())
              : new PlainProgress(err(), false);
    };
  }

  /** {@code COMPOSE_PARALLEL_LIMIT}, else 16. */
  int parallel() {
    String limit = parent.host().env().get("COMPOSE_PARALLEL_LIMIT");
    try {
      return limit == null ? 16 : Math.max(1, Integer.parseInt(limit));
    } catch (NumberFormatException e) {
      return 16;
    }
  }

  @Override
  public void close() {
    engine.close();
  }
}
