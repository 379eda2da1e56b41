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

  /** Service names in model order. */
  public List<String> serviceNames() {
    return new ArrayList<>(services().keys());
  }
}
