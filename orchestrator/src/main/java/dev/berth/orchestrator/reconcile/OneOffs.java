package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.loader.ProjectFilters;
import dev.berth.orchestrator.model.Dependency;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.Service;
import dev.berth.runtime.api.EngineException;
import java.util.List;
import java.util.Map;

/**
 * Readies the ground for a one-off {@code run} container: its service's dependencies up and meeting
 * their conditions (unless {@code --no-deps}), networks and volumes present, its image pulled.
 */
public final class OneOffs {
  private final Engine engine;
  private final Progress progress;
  private final int parallel;

  public OneOffs(Engine engine, Progress progress, int parallel) {
    this.engine = engine;
    this.progress = progress;
    this.parallel = parallel;
  }

  /** Prepares {@code service} of {@code full}; the id of the image it runs. */
  public String prepare(Project full, Service service, boolean noDeps, String pull)
      throws BerthException, EngineException {
    UnsupportedKeys.check(service, progress);
    List<String> deps = service.dependsOn().stream().map(Dependency::service).toList();
    if (!noDeps && !deps.isEmpty()) {
      new Reconciler(engine, progress, parallel)
          .up(
              full,
              deps,
              new UpOptions(
                  dev.berth.orchestrator.plan.RecreatePolicy.DIVERGED,
                  false,
                  false,
                  pull,
                  Map.of(),
                  java.time.Duration.ofSeconds(10),
                  false,
                  false));
      Readiness readiness = new Readiness(engine, progress);
      for (Dependency d : service.dependsOn()) {
        if (full.service(d.service()).isPresent()) {
          try {
            readiness.awaitCondition(full, d);
          } catch (BerthException e) {
            if (d.required()) {
              throw e;
            }
            progress.warn("optional dependency \"" + d.service() + "\" failed: " + e.getMessage());
          }
        }
      }
    }
    Project own =
        ProjectFilters.withoutUnusedResources(
            ProjectFilters.withSelectedServices(full, List.of(service.name())));
    Resources resources = new Resources(engine, progress);
    resources.createNetworks(own);
    resources.createVolumes(own);
    Project alone = withOnly(own, service);
    try (Tasks tasks = new Tasks(parallel)) {
      return new Images(engine, progress, tasks).ensure(alone, pull).get(service.name());
    }
  }

  /** {@code p} with only {@code names} as services, without their dependencies. */
  static Project withOnly(Project p, List<String> names) {
    Map<String, dev.berth.orchestrator.model.Node> kept = new java.util.LinkedHashMap<>();
    p.services()
        .entries()
        .forEach(
            (k, v) -> {
              if (names.contains(k)) {
                kept.put(k, v);
              }
            });
    var services = new dev.berth.orchestrator.model.MapNode(kept, p.services().mark());
    return new Project(
        p.name(), p.workingDir(), p.configFiles(), p.tree().with("services", services));
  }

  private static Project withOnly(Project p, Service service) {
    var services =
        new dev.berth.orchestrator.model.MapNode(
            Map.of(service.name(), service.attributes()), p.services().mark());
    return new Project(
        p.name(), p.workingDir(), p.configFiles(), p.tree().with("services", services));
  }
}
