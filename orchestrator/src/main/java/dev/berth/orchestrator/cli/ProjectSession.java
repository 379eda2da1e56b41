package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.loader.ComposeLoader;
import dev.berth.orchestrator.loader.LoadRequest;
import dev.berth.orchestrator.loader.LoadedProject;
import dev.berth.orchestrator.loader.ProjectFilters;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.reconcile.Progress;
import dev.berth.orchestrator.reconcile.ServiceBuilds;
import dev.berth.runtime.api.EngineException;
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
            .stdin(g.files().contains("-") ? host.stdin().get() : null)
            .build();
    LoadedProject loaded = ComposeLoader.load(request);
    PrintWriter err = parent.spec.commandLine().getErr();
    loaded.warnings().forEach(w -> err.println("berth: warning: " + w));
    Project project = ServiceBuilds.withImageNames(loaded.project());
    ProjectFilters.withSelectedServices(project, services); // names an unknown service
    Engine engine = EngineConnection.open(g.host(), host.env(), err);
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

  /** The progress view {@code --progress} asks for; plain lines on standard error. */
  Progress progress() {
    return switch (parent.global().progress()) {
      case quiet -> new PlainProgress(err(), true);
      default -> new PlainProgress(err(), false);
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
