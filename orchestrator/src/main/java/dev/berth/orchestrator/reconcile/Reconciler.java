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
import java.util.Optional;
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
  private final java.util.Set<String> replaced = java.util.concurrent.ConcurrentHashMap.newKeySet();

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
    Project selected = ProjectFilters.withSelectedServices(full, services);
    if (options.noDeps() && !services.isEmpty()) {
      selected = OneOffs.withOnly(selected, services);
    }
    Project project = ProjectFilters.withoutUnusedResources(selected);
    UnsupportedKeys.check(project, progress);
    Resources resources = new Resources(engine, progress);
    try (Tasks tasks = new Tasks(parallel)) {
      // networks and volumes, the images and the project's containers do not depend on each other:
      // all are asked for at once (each is a round trip or two to the engine)
      CompletableFuture<Void> resourcesReady =
          tasks.submit(
              () -> {
                resources.createNetworks(project);
                resources.createVolumes(project);
                return null;
              });
      // one list for the whole project: each service plans from its own share of it
      CompletableFuture<List<ContainerInfo>> listed =
          tasks.submit(() -> engine.containers(Labels.ofProject(full.name()), true));
      Map<String, String> images;
      try {
        images = new Images(engine, progress, tasks).ensure(project, options.pull(), build);
      } catch (BerthException | EngineException | RuntimeException e) {
        resourcesReady.handle((unused, failure) -> null).join(); // no request left half-way
        throw e;
      }
      Tasks.join(resourcesReady);
      List<ContainerInfo> current = Tasks.join(listed);
      handleOrphans(full, current, options.removeOrphans());
      Map<String, List<ContainerInfo>> existing = byService(current);
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
                              converge(
                                  tasks,
                                  project,
                                  service,
                                  images.get(name),
                                  existing.getOrDefault(name, List.of()),
                                  options);
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

  /** The project's service containers (not one-offs) by service name. */
  private static Map<String, List<ContainerInfo>> byService(List<ContainerInfo> containers) {
    Map<String, List<ContainerInfo>> byService = new LinkedHashMap<>();
    for (ContainerInfo c : containers) {
      Optional<String> service = c.label(Labels.SERVICE);
      if (service.isPresent() && "False".equals(c.label(Labels.ONEOFF).orElse("False"))) {
        byService.computeIfAbsent(service.get(), k -> new ArrayList<>()).add(c);
      }
    }
    return byService;
  }

  private void converge(
      Tasks tasks,
      Project project,
      Service service,
      String imageId,
      List<ContainerInfo> existing,
      UpOptions options)
      throws BerthException, EngineException {
    int replicas = options.scale().getOrDefault(service.name(), ContainerSpecs.replicas(service));
    List<ContainerAction> actions =
        Planner.plan(service, existing, imageId, replicas, options.recreate());
    if (actions.stream().anyMatch(a -> a.kind() == ContainerAction.Kind.RECREATE)) {
      replaced.add(service.name());
    }
    boolean depReplaced =
        service.dependsOn().stream().anyMatch(d -> d.restart() && replaced.contains(d.service()));
    if (depReplaced) {
      // depends_on.restart: a dependency was replaced, so its dependents restart to reconnect
      List<ContainerAction> restarted = new ArrayList<>();
      for (ContainerAction a : actions) {
        restarted.add(
            a.kind() == ContainerAction.Kind.KEEP
                ? new ContainerAction(
                    ContainerAction.Kind.RESTART, a.service(), a.number(), a.existing())
                : a);
      }
      actions = restarted;
    }
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
        Map<String, String> anonymous =
            options.renewAnonymousVolumes()
                ? Map.of()
                : engine.inspect(action.existing().id()).map(s -> s.volumes()).orElse(Map.of());
        engine.stop(action.existing().id(), options.stopTimeout());
        engine.remove(action.existing().id(), true, options.renewAnonymousVolumes());
        String id = create(project, service, action.number(), name, imageId, anonymous);
        progress.event("Container", name, "Recreated");
        start(id, name, options);
      }
      case CREATE -> {
        progress.event("Container", name, "Creating");
        String id = create(project, service, action.number(), name, imageId, Map.of());
        progress.event("Container", name, "Created");
        start(id, name, options);
      }
      case START -> start(action.existing().id(), name, options);
      case KEEP -> progress.event("Container", name, "Running");
      case RESTART -> {
        progress.event("Container", name, "Restarting");
        engine.stop(action.existing().id(), options.stopTimeout());
        engine.start(action.existing().id());
        progress.event("Container", name, "Started");
      }
    }
  }

  /**
   * Creates the replica; {@code previous} maps mount points to the volumes of the container it
   * replaces, so its anonymous volumes carry over as compose does.
   */
  private String create(
      Project project,
      Service service,
      int number,
      String name,
      String imageId,
      Map<String, String> previous)
      throws BerthException, EngineException {
    ContainerSpec spec =
        ContainerSpecs.withAnonymousVolumes(
            ContainerSpecs.of(project, service, number, imageId), previous);
    String id;
    try {
      id = Containers.create(engine, name, spec);
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
      if (EngineRefusal.isRefusal(e)) {
        throw EngineRefusal.explain(service.name(), e);
      }
      throw e;
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
      throw new BerthException(
          e.kind(),
          "starting container "
              + name
              + ": "
              + e.getMessage()
              + EngineRefusal.hint(e.getMessage())
              + PortHolders.describe(engine, e.getMessage(), id),
          e);
    }
    progress.event("Container", name, "Started");
  }

  private void handleOrphans(Project project, List<ContainerInfo> current, boolean remove)
      throws EngineException {
    List<ContainerInfo> orphans = new ArrayList<>();
    for (ContainerInfo c : current) {
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
