package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.engine.ContainerSpec;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.graph.DependencyGraph;
import dev.berth.orchestrator.loader.ProjectFilters;
import dev.berth.orchestrator.model.Dependency;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.Service;
import dev.berth.orchestrator.plan.ContainerAction;
import dev.berth.orchestrator.plan.ContainerSpecs;
import dev.berth.orchestrator.plan.Labels;
import dev.berth.orchestrator.plan.Planner;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code up}: networks and volumes first, missing images pulled in parallel, then each service
 * converged (created, recreated, started) once its dependencies meet their {@code depends_on}
 * condition; services without a path between them proceed in parallel.
 */
public final class Reconciler {
  private final Engine engine;
  private final Progress progress;
  private final int parallel;

  public Reconciler(Engine engine, Progress progress, int parallel) {
    this.engine = engine;
    this.progress = progress;
    this.parallel = parallel;
  }

  /**
   * Brings {@code services} of {@code full} (all when empty) and their dependencies to the model;
   * orphans are judged against the whole project.
   */
  public void up(Project full, List<String> services, UpOptions options)
      throws BerthException, EngineException {
    up(full, services, options, BuildOptions.defaults());
  }

  /**
   * As {@link #up(Project, List, UpOptions)}, building images of build sections as {@code build}
   * says.
   */
  public void up(Project full, List<String> services, UpOptions options, BuildOptions build)
      throws BerthException, EngineException {
    Project project =
        ProjectFilters.withoutUnusedResources(ProjectFilters.withSelectedServices(full, services));
    UnsupportedKeys.check(project, progress);
    Resources resources = new Resources(engine, progress);
    resources.createNetworks(project);
    resources.createVolumes(project);
    try (Tasks tasks = new Tasks(parallel)) {
      Map<String, String> images =
          new Images(engine, progress, tasks).ensure(project, options.pull(), build);
      handleOrphans(full, options.removeOrphans());
      Map<String, CompletableFuture<Void>> started = new LinkedHashMap<>();
      List<String> order = order(project);
      for (String name : order) {
        Service service = project.service(name).orElseThrow();
        CompletableFuture<?>[] gates =
            service.dependsOn().stream()
                .filter(d -> started.containsKey(d.service()))
                .map(d -> gate(tasks, started.get(d.service()), project, service, d, options))
                .toArray(CompletableFuture[]::new);
        started.put(
            name,
            CompletableFuture.allOf(gates)
                .thenCompose(
                    unused ->
                        tasks.submit(
                            () -> {
                              converge(tasks, project, service, images.get(name), options);
                              return null;
                            })));
      }
      Tasks.join(CompletableFuture.allOf(started.values().toArray(CompletableFuture[]::new)));
    }
  }

  private static List<String> order(Project project) {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    for (Service s : project.serviceList()) {
      deps.put(s.name(), s.dependsOn().stream().map(Dependency::service).toList());
    }
    return DependencyGraph.of(deps).startOrder();
  }

  /** {@code up --wait}: see {@link Readiness#awaitAll}. */
  public void awaitReady(Project full, List<String> services, java.time.Duration timeout)
      throws BerthException, EngineException {
    Project project = ProjectFilters.withSelectedServices(full, services);
    new Readiness(engine, progress).awaitAll(project, project.serviceNames(), timeout);
  }

  private CompletableFuture<Void> gate(
      Tasks tasks,
      CompletableFuture<Void> depStarted,
      Project project,
      Service service,
      Dependency dep,
      UpOptions options) {
    return depStarted.thenCompose(
        unused -> {
          if (options.noStart()) {
            return CompletableFuture.completedFuture(null);
          }
          return tasks.submit(
              () -> {
                try {
                  new Readiness(engine, progress).awaitCondition(project, dep);
                } catch (BerthException e) {
                  if (dep.required()) {
                    throw e;
                  }
                  progress.warn(
                      "optional dependency \""
                          + dep.service()
                          + "\" of "
                          + service.name()
                          + " failed: "
                          + e.getMessage());
                }
                return null;
              });
        });
  }

  private void converge(
      Tasks tasks, Project project, Service service, String imageId, UpOptions options)
      throws BerthException, EngineException {
    List<ContainerInfo> existing =
        engine.containers(Labels.ofService(project.name(), service.name()), true);
    int replicas = options.scale().getOrDefault(service.name(), ContainerSpecs.replicas(service));
    List<ContainerAction> actions =
        Planner.plan(service, existing, imageId, replicas, options.recreate());
    List<CompletableFuture<Void>> steps = new ArrayList<>();
    for (ContainerAction action : actions) {
      steps.add(
          tasks.submit(
              () -> {
                tasks.limited(
                    () -> {
                      apply(project, service, action, imageId, options);
                      return null;
                    });
                return null;
              }));
    }
    Tasks.join(CompletableFuture.allOf(steps.toArray(CompletableFuture[]::new)));
  }

  private void apply(
      Project project, Service service, ContainerAction action, String imageId, UpOptions options)
      throws BerthException, EngineException {
    String name =
        service
            .containerName()
            .orElse(Labels.containerName(project.name(), service.name(), action.number()));
    switch (action.kind()) {
      case REMOVE -> {
        String old = action.existing().name();
        progress.event("Container", old, "Stopping");
        engine.stop(action.existing().id(), options.stopTimeout());
        progress.event("Container", old, "Removing");
        engine.remove(action.existing().id(), true, false);
        progress.event("Container", old, "Removed");
      }
      case RECREATE -> {
        progress.event("Container", name, "Recreate");
        engine.stop(action.existing().id(), options.stopTimeout());
        engine.remove(action.existing().id(), true, false);
        String id = create(project, service, action.number(), name, imageId);
        progress.event("Container", name, "Recreated");
        start(id, name, options);
      }
      case CREATE -> {
        progress.event("Container", name, "Creating");
        String id = create(project, service, action.number(), name, imageId);
        progress.event("Container", name, "Created");
        start(id, name, options);
      }
      case START -> start(action.existing().id(), name, options);
      case KEEP -> progress.event("Container", name, "Running");
    }
  }

  private String create(Project project, Service service, int number, String name, String imageId)
      throws BerthException, EngineException {
    ContainerSpec spec = ContainerSpecs.of(project, service, number, imageId);
    String id;
    try {
      id = engine.create(name, spec);
    } catch (EngineException e) {
      if (e.kind() == ErrorKind.CONFLICT) {
        throw new BerthException(
            ErrorKind.CONFLICT,
            "container name \""
                + name
                + "\" is already in use by a container that is not this service's;"
                + " remove it or choose another project name (-p): "
                + e.getMessage());
      }
      throw e;
    }
    boolean first = true;
    for (Map.Entry<String, List<String>> net : spec.networks().entrySet()) {
      if (!first) {
        engine.connect(net.getKey(), id, net.getValue());
      }
      first = false;
    }
    return id;
  }

  private void start(String id, String name, UpOptions options)
      throws BerthException, EngineException {
    if (options.noStart()) {
      return;
    }
    progress.event("Container", name, "Starting");
    try {
      engine.start(id);
    } catch (EngineException e) {
      throw new BerthException(e.kind(), "starting container " + name + ": " + e.getMessage(), e);
    }
    progress.event("Container", name, "Started");
  }

  private void handleOrphans(Project project, boolean remove) throws EngineException {
    List<ContainerInfo> orphans = new ArrayList<>();
    for (ContainerInfo c : engine.containers(Labels.ofProject(project.name()), true)) {
      String service = c.label(Labels.SERVICE).orElse("");
      if ("False".equals(c.label(Labels.ONEOFF).orElse("False"))
          && project.service(service).isEmpty()) {
        orphans.add(c);
      }
    }
    if (orphans.isEmpty()) {
      return;
    }
    if (!remove) {
      progress.warn(
          "Found orphan containers ("
              + String.join(", ", orphans.stream().map(ContainerInfo::name).toList())
              + ") for this project. If you removed or renamed this service in your compose file,"
              + " you can run this command with the --remove-orphans flag to clean it up.");
      return;
    }
    for (ContainerInfo c : orphans) {
      progress.event("Container", c.name(), "Removing");
      engine.remove(c.id(), true, false);
      progress.event("Container", c.name(), "Removed");
    }
  }
}
