package dev.berth.orchestrator.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A loaded Compose project: its name, working directory, source files and the canonical attribute
 * tree ({@code name}, {@code services}, {@code networks}, ...) as {@code docker compose config}
 * shows it.
 */
public record Project(String name, Path workingDir, List<Path> configFiles, MapNode tree) {

  public Project {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(workingDir, "workingDir");
    configFiles = List.copyOf(configFiles);
    Objects.requireNonNull(tree, "tree");
  }

  /** The services mapping (empty when there is none). */
  public MapNode services() {
    return section("services");
  }

  /** A top-level mapping section such as {@code networks}, empty when absent. */
  public MapNode section(String key) {
    return tree.get(key) instanceof MapNode m ? m : MapNode.empty(Mark.NONE);
  }

  /** The services as typed records, in model order. */
  public List<Service> serviceList() {
    List<Service> out = new ArrayList<>();
    services()
        .entries()
        .forEach(
            (k, v) ->
                out.add(new Service(k, v instanceof MapNode m ? m : MapNode.empty(v.mark()))));
    return out;
  }

  /** The service called {@code name}, if enabled. */
  public java.util.Optional<Service> service(String name) {
    return services().get(name) instanceof MapNode m
        ? java.util.Optional.of(new Service(name, m))
        : java.util.Optional.empty();
  }

  /** Service names in model order. */
  public List<String> serviceNames() {
    return new ArrayList<>(services().keys());
  }
}
