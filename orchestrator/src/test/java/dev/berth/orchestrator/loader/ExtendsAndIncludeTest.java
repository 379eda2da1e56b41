package dev.berth.orchestrator.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.model.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtendsAndIncludeTest {
  @TempDir Path dir;

  private Project load(String... files) throws BerthException {
    return ComposeLoader.load(
            new LoadRequest(
                dir,
                Map.of(),
                List.of(files),
                "p",
                null,
                List.of(),
                List.of(),
                List.of(),
                Set.of(),
                null))
        .project();
  }

  private void write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void extends_fromAnotherFile_rebasesItsRelativePaths() throws Exception {
    write("base/common.yaml", "services:\n  app:\n    image: x\n    volumes: [./data:/data]\n");
    write(
        "compose.yaml",
        "services:\n  web:\n    extends:\n      file: base/common.yaml\n      service: app\n");
    Project p = load("compose.yaml");
    String source =
        Nodes.text(
            ((dev.berth.orchestrator.model.MapNode)
                ((dev.berth.orchestrator.model.SeqNode)
                        p.service("web").orElseThrow().attributes().get("volumes"))
                    .get(0)),
            "source");
    assertThat(source).isEqualTo(dir.resolve("base/data").toString());
  }

  @Test
  void extends_cycle_isRejected() throws Exception {
    write(
        "compose.yaml",
        "services:\n  a:\n    image: x\n    extends: b\n  b:\n    image: x\n    extends: a\n");
    assertThatThrownBy(() -> load("compose.yaml"))
        .hasMessageContaining("Circular reference with extends");
  }

  @Test
  void include_importsServices_andItsOwnDotEnv() throws Exception {
    write("sub/.env", "TAG=from-sub\n");
    write("sub/compose.yaml", "services:\n  db:\n    image: postgres:${TAG}\n");
    write(
        "compose.yaml",
        "include:\n  - sub/compose.yaml\nservices:\n  web:\n    image: x\n    depends_on: [db]\n");
    Project p = load("compose.yaml");
    assertThat(p.service("db").orElseThrow().image()).contains("postgres:from-sub");
  }

  @Test
  void include_cycle_isRejected() throws Exception {
    write("a.yaml", "include: [b.yaml]\nservices:\n  a:\n    image: x\n");
    write("b.yaml", "include: [a.yaml]\nservices:\n  b:\n    image: x\n");
    assertThatThrownBy(() -> load("a.yaml")).hasMessageContaining("include cycle detected");
  }
}
