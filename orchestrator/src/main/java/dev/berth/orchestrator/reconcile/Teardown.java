package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.engine.ResourceInfo;
import dev.berth.orchestrator.model.Dependency;
import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Node;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.ScalarNode;
import dev.berth.orchestrator.model.Service;
import dev.berth.orchestrator.plan.ContainerSpecs;
import dev.berth.orchestrator.plan.Labels;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code down}: stops each service after the services that depend on it, removes its containers,
 * then the project's networks and (with {@code -v}) volumes. What is already gone is skipped, so
 * running it twice, or after a killed {@code up}, succeeds.
 */
public final class Teardown {
  private final Engine engine;
  private final Progress progress;
  private final int parallel;

  public Teardown(Engine engine, Progress progress, int parallel) {
    this.engine = engine;
    this.progress = progress;
    this.parallel = parallel;
  }

  public void down(Project project, DownOptions options) throws BerthException, EngineException {
    List<ContainerInfo> all = engine.containers(Labels.ofProject(project.name()), true);
    Map<String, List<ContainerInfo>> byService = new LinkedHashMap<>();
    List<ContainerInfo> orphans = new ArrayList<>();
    for (ContainerInfo c : all) {
      String service = c.label(Labels.SERVICE).orElse("");
      if (project.service(service).isPresent()) {
        byService.computeIfAbsent(service, k -> new ArrayList<>()).add(c);
      } else {
        orphans.add(c);
      }
    }
    try (Tasks tasks = new Tasks(parallel)) {
      CompletableFuture<Void> orphansDone = CompletableFuture.completedFuture(null);
      if (!orphans.isEmpty()) {
        // without a model (down -p NAME and no file) every container of the project goes
        if (options.removeOrphans() || project.services().entries().isEmpty()) {
          orphansDone = removeAll(tasks, orphans, options.stopTimeout());
        } else {
          progress.warn(
              "Found orphan containers ("
                  + String.join(", ", orphans.stream().map(ContainerInfo::name).toList())
                  + ") for this project. If you removed or renamed this service in your compose"
                  + " file, you can run this command with the --remove-orphans flag to clean it"
                  + " up.");
        }
      }
      Map<String, CompletableFuture<Void>> stopped = new LinkedHashMap<>();
      for (String name : reverseOrder(project)) {
        List<CompletableFuture<Void>> dependents = new ArrayList<>();
        for (Service s : project.serviceList()) {
          for (Dependency d : s.dependsOn()) {
            if (d.service().equals(name) && stopped.containsKey(s.name())) {
              dependents.add(stopped.get(s.name()));
            }
          }
        }
        Duration grace = options.stopTimeout();
        List<ContainerInfo> containers = byService.getOrDefault(name, List.of());
        stopped.put(
            name,
            CompletableFuture.allOf(dependents.toArray(CompletableFuture[]::new))
                .thenCompose(unused -> removeAll(tasks, containers, grace)));
      }
      List<CompletableFuture<Void>> waits = new ArrayList<>(stopped.values());
      waits.add(orphansDone);
      Tasks.join(CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)));
    }
    removeNetworks(project);
    if (options.volumes()) {
      removeVolumes(project);
    }
    removeImages(project, options.images());
  }

  /**
   * {@code --rmi}: every service's image ({@code all}), or only those built under the default
   * {@code <project>-<service>} name ({@code local}); one already gone is skipped, one still used
   * by another container fails the command, as with docker compose.
   */
  private void removeImages(Project project, DownOptions.Images which) throws EngineException {
    if (which == DownOptions.Images.NONE) {
      return;
    }
    Set<String> names = new LinkedHashSet<>();
    for (Service s : project.serviceList()) {
      String image = s.image().orElse("");
      boolean local = ServiceBuilds.buildable(s) && image.equals(project.name() + "-" + s.name());
      if (!image.isEmpty() && (which == DownOptions.Images.ALL || local)) {
        names.add(image);
      }
    }
    for (String name : names) {
      if (engine.imageId(name).isEmpty()) {
        continue;
      }
      progress.event("Image", name, "Removing");
      engine.removeImage(name);
      progress.event("Image", name, "Removed");
    }
  }

  private CompletableFuture<Void> removeAll(
      Tasks tasks, List<ContainerInfo> containers, Duration grace) {
    List<CompletableFuture<Void>> each = new ArrayList<>();
    for (ContainerInfo c : containers) {
      each.add(
          tasks.submit(
              () ->
                  tasks.limited(
                      () -> {
                        if (c.running()
                            || c.state().equals("paused")
                            || c.state().equals("restarting")) {
                          progress.event("Container", c.name(), "Stopping");
                          engine.stop(c.id(), grace == null ? Duration.ofSeconds(10) : grace);
                          progress.event("Container", c.name(), "Stopped");
                        }
                        progress.event("Container", c.name(), "Removing");
                        engine.remove(c.id(), true, true);
                        progress.event("Container", c.name(), "Removed");
                        return null;
                      })));
    }
    return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new));
  }

  private static List<String> reverseOrder(Project project) {
    List<String> names = new ArrayList<>(project.serviceNames());
    // a service's dependents are visited first, so their futures exist when it is
    List<String> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String n : names) {
      visitDependents(project, n, seen, out);
    }
    return out;
  }

  private static void visitDependents(
      Project project, String name, Set<String> seen, List<String> out) {
    if (!seen.add(name)) {
      return;
    }
    for (Service s : project.serviceList()) {
      if (s.dependsOn().stream().anyMatch(d -> d.service().equals(name))) {
        visitDependents(project, s.name(), seen, out);
      }
    }
    out.add(name);
  }

  private void removeNetworks(Project project) throws EngineException {
    Set<String> names = new LinkedHashSet<>();
    for (Map.Entry<String, Node> e : project.section("networks").entries().entrySet()) {
      if (!external(e.getValue())) {
        names.add(ContainerSpecs.networkName(project, e.getKey()));
      }
    }
    engine.networks(Labels.ofProject(project.name())).forEach(n -> names.add(n.name()));
    for (String name : names) {
      if (engine.network(name).isEmpty()) {
        continue;
      }
      progress.event("Network", name, "Removing");
      try {
        engine.removeNetwork(name);
        progress.event("Network", name, "Removed");
      } catch (EngineException e) {
        if (e.kind() != ErrorKind.CONFLICT && e.kind() != ErrorKind.PERMISSION_DENIED) {
          throw e;
        }
        progress.warn("network " + name + " was not removed: " + e.getMessage());
      }
    }
  }

  private void removeVolumes(Project project) throws EngineException {
    Set<String> names = new LinkedHashSet<>();
    for (Map.Entry<String, Node> e : project.section("volumes").entries().entrySet()) {
      if (!external(e.getValue())) {
        names.add(ContainerSpecs.volumeName(project, e.getKey()));
      }
    }
    for (ResourceInfo v : engine.volumes(Labels.ofProject(project.name()))) {
      names.add(v.name());
    }
    for (String name : names) {
      if (engine.volume(name).isEmpty()) {
        continue;
      }
      progress.event("Volume", name, "Removing");
      try {
        engine.removeVolume(name);
        progress.event("Volume", name, "Removed");
      } catch (EngineException e) {
        if (e.kind() != ErrorKind.CONFLICT) {
          throw e;
        }
        progress.warn("volume " + name + " was not removed: " + e.getMessage());
      }
    }
  }

  private static boolean external(Node def) {
    return def instanceof MapNode m
        && m.get("external") instanceof ScalarNode s
        && s.text().equals("true");
  }
}
