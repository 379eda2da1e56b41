package dev.berth.orchestrator.loader;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectSetupTest {
  @TempDir Path dir;

  private LoadRequest request(Path cwd, Map<String, String> env, List<String> files) {
    return new LoadRequest(
        cwd, env, files, null, null, List.of(), List.of(), List.of(), Set.of(), null);
  }

  @Test
  void resolve_discoversComposeAndOverride_inTheSameDirectory() throws Exception {
    Files.writeString(dir.resolve("docker-compose.yml"), "services: {}\n");
    Files.writeString(dir.resolve("compose.yaml"), "services: {}\n");
    Files.writeString(dir.resolve("compose.override.yaml"), "services: {}\n");
    ProjectSetup s = ProjectSetup.resolve(request(dir, Map.of(), List.of()), w -> {});
    assertThat(s.files())
        .containsExactly(
            dir.resolve("compose.yaml").toString(),
            dir.resolve("compose.override.yaml").toString());
  }

  @Test
  void resolve_shellBeatsDotEnv_andDotEnvSetsComposeFile() throws Exception {
    Files.writeString(dir.resolve(".env"), "A=file\nB=file\nCOMPOSE_FILE=one.yaml:two.yaml\n");
    ProjectSetup s = ProjectSetup.resolve(request(dir, Map.of("A", "shell"), List.of()), w -> {});
    assertThat(s.environment()).containsEntry("A", "shell").containsEntry("B", "file");
    assertThat(s.files())
        .containsExactly(dir.resolve("one.yaml").toString(), dir.resolve("two.yaml").toString());
  }

  @Test
  void resolve_explicitEnvFiles_laterFileWins() throws Exception {
    Files.writeString(dir.resolve("a.env"), "X=a\nY=a\n");
    Files.writeString(dir.resolve("b.env"), "X=b\n");
    Files.writeString(dir.resolve("compose.yaml"), "services: {}\n");
    LoadRequest req =
        new LoadRequest(
            dir,
            Map.of(),
            List.of(),
            null,
            null,
            List.of("a.env", "b.env"),
            List.of(),
            List.of(),
            Set.of(),
            null);
    assertThat(ProjectSetup.resolve(req, w -> {}).environment())
        .containsEntry("X", "b")
        .containsEntry("Y", "a");
  }

  @Test
  void projectName_derivedNamesAreNormalized() {
    assertThat(ProjectName.normalize("_My.App-1")).isEqualTo("myapp-1");
  }
}
