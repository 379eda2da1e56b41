package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.graph.DependencyGraph;
import dev.berth.orchestrator.model.Dependency;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.model.Service;
import dev.berth.orchestrator.plan.Labels;
import dev.berth.runtime.api.EngineException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code start}, {@code stop}, {@code restart}, {@code kill}, {@code rm}, {@code pause} and {@code
 * unpause} on a project's existing service containers: starts go in dependency order, stops in
 * reverse.
 */
public final class Lifecycle {
  private final Engine engine;
  private final Progress progress;

  public Lifecycle(Engine engine, Progress progress) {
    this.engine = engine;
    this.progress = progress;
  }

  /** The service containers of {@code services} (all when empty), in dependency order. */
  public List<ContainerInfo> containers(Project project, List<String> services, boolean all)
      throws EngineException {
    List<String> order = order(project);
    List<ContainerInfo> out = new ArrayList<>();
    for (ContainerInfo c : engine.containers(Labels.ofProject(project.name()), all)) {
      String service = c.label(Labels.SERVICE).orElse("");
      if ((services.isEmpty() || services.contains(service))
          && "False".equals(c.label(Labels.ONEOFF).orElse("False"))) {
        out.add(c);
      }
    }
    out.sort(
        Comparator.comparingInt(
                (ContainerInfo c) -> order.indexOf(c.label(Labels.SERVICE).orElse("")))
            .thenComparing(ContainerInfo::name));
    return out;
  }

  public void start(Project project, List<String> services) throws BerthException, EngineException {
    for (ContainerInfo c : containers(project, services, true)) {
      if (!c.running()) {
        progress.event("Container", c.name(), "Starting");
        engine.start(c.id());
        progress.event("Container", c.name(), "Started");
      }
    }
  }

  public void stop(Project project, List<String> services, Duration grace) throws EngineException {
    List<ContainerInfo> found = containers(project, services, false);
    Collections.reverse(found);
    for (ContainerInfo c : found) {
      progress.event("Container", c.name(), "Stopping");
      engine.stop(c.id(), grace);
      progress.event("Container", c.name(), "Stopped");
    }
  }

  public void restart(Project project, List<String> services, Duration grace)
      throws EngineException {
    List<String> chosen = new ArrayList<>(services);
    if (!services.isEmpty()) {
      // dependents declaring depends_on.restart on a restarted service restart too
      for (Service s : project.serviceList()) {
        if (s.dependsOn().stream().anyMatch(d -> d.restart() && services.contains(d.service()))
            && !chosen.contains(s.name())) {
          chosen.add(s.name());
        }
      }
    }
    List<ContainerInfo> found = containers(project, chosen, true);
    for (ContainerInfo c : found) {
      progress.event("Container", c.name(), "Restarting");
      engine.stop(c.id(), grace);
      engine.start(c.id());
      progress.event("Container", c.name(), "Started");
    }
  }

  public void kill(Project project, List<String> services, String signal) throws EngineException {
    for (ContainerInfo c : containers(project, services, false)) {
      progress.event("Container", c.name(), "Killing");
      engine.kill(c.id(), signal);
      progress.event("Container", c.name(), "Killed");
    }
  }

  /** Removes stopped containers (and one-offs); with {@code stopFirst}, running ones too. */
  public List<String> remove(
      Project project, List<String> services, boolean stopFirst, boolean volumes)
      throws EngineException {
    List<String> removed = new ArrayList<>();
    for (ContainerInfo c : engine.containers(Labels.ofProject(project.name()), true)) {
      String service = c.label(Labels.SERVICE).orElse("");
      if (!services.isEmpty() && !services.contains(service)) {
        continue;
      }
      if (c.running() && !stopFirst) {
        continue;
      }
      if (c.running()) {
        progress.event("Container", c.name(), "Stopping");
        engine.stop(c.id(), Duration.ofSeconds(10));
        progress.event("Container", c.name(), "Stopped");
      }
      progress.event("Container", c.name(), "Removing");
      engine.remove(c.id(), true, volumes);
      progress.event("Container", c.name(), "Removed");
      removed.add(c.name());
    }
    return removed;
  }

  public void pause(Project project, List<String> services) throws EngineException {
    for (ContainerInfo c : containers(project, services, false)) {
      engine.pause(c.id());
      progress.event("Container", c.name(), "Paused");
    }
  }

  public void unpause(Project project, List<String> services) throws EngineException {
    for (ContainerInfo c : containers(project, services, true)) {
      if (c.state().equals("paused")) {
        engine.unpause(c.id());
        progress.event("Container", c.name(), "Unpaused");
      }
    }
  }

  /** {@code pull}: the images of {@code services}, pulled in parallel. */
  public void pull(Project project, List<String> services, boolean ignoreFailures, int parallel)
      throws BerthException, EngineException {
    Map<String, String> images = new LinkedHashMap<>();
    for (Service s : project.serviceList()) {
      if ((services.isEmpty() || services.contains(s.name())) && s.image().isPresent()) {
        images.putIfAbsent(s.image().get(), s.name());
      } else if (services.contains(s.name())) {
        progress.warn(
            "service \"" + s.name() + "\" has no image to pull (build: is not supported yet)");
      }
    }
    try (Tasks tasks = new Tasks(parallel)) {
      List<java.util.concurrent.CompletableFuture<Void>> all = new ArrayList<>();
      for (String image : images.keySet()) {
        all.add(
            tasks.submit(
                () ->
                    tasks.limited(
                        () -> {
                          progress.event("Image", image, "Pulling");
                          try {
                            engine.pull(image, line -> {});
                            progress.event("Image", image, "Pulled");
                          } catch (EngineException e) {
                            if (!ignoreFailures) {
                              throw e;
                            }
                            progress.warn(e.getMessage());
                          }
                          return null;
                        })));
      }
      Tasks.join(
          java.util.concurrent.CompletableFuture.allOf(
              all.toArray(java.util.concurrent.CompletableFuture[]::new)));
    }
  }

  private static List<String> order(Project project) {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    for (Service s : project.serviceList()) {
      deps.put(s.name(), s.dependsOn().stream().map(Dependency::service).toList());
    }
    return DependencyGraph.of(deps).startOrder();
  }
}
