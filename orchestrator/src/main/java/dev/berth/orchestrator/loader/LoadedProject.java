package dev.berth.orchestrator.loader;

import dev.berth.orchestrator.model.MapNode;
import dev.berth.orchestrator.model.Project;
import java.util.List;
import java.util.Map;

/**
 * The result of a load: the project, the interpolation environment it was built with, the raw
 * merged tree before normalization, and warnings for the user.
 */
public record LoadedProject(
    Project project, Map<String, String> environment, MapNode merged, List<String> warnings) {

  public LoadedProject {
    environment = Map.copyOf(environment);
    warnings = List.copyOf(new java.util.LinkedHashSet<>(warnings));
  }
}
