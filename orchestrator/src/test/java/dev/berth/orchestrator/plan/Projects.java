package dev.berth.orchestrator.plan;

import dev.berth.orchestrator.loader.ComposeLoader;
import dev.berth.orchestrator.loader.LoadRequest;
import dev.berth.orchestrator.model.Project;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads a compose document given as text, as project {@code p}. */
final class Projects {
  private Projects() {}

  static Project of(String yaml) throws Exception {
    return ComposeLoader.load(
            LoadRequest.builder(Path.of("/tmp"), Map.of())
                .files(List.of("-"))
                .projectName("p")
                .stdin(yaml)
                .build())
        .project();
  }
}
