package dev.berth.runtime.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real builds: busybox-static from the host, RUN in crun containers, the image run afterwards. */
class BuilderTest {
  private static BuildEngine engine;

  @TempDir Path context;

  @BeforeAll
  static void start() throws Exception {
    engine = new BuildEngine();
  }

  @AfterAll
  static void stop() throws Exception {
    engine.close();
  }

  private void write(String name, String text) throws Exception {
    Path p = context.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private void busybox() throws Exception {
    Files.copy(
        Path.of("/bin/busybox"), context.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
  }

  private static final String BASE =
      "FROM scratch AS base\n"
          + "COPY busybox /bin/busybox\n"
          + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n";

  @Test
  void build_multiStageWithRunCopyFromAndWhiteouts_producesAnImageThatRuns() throws Exception {
    busybox();
    write(
        "Dockerfile",
        BASE
            + "ARG GREETING=hello\n"
            + "ENV TARGET=world\n"
            + "RUN echo \"$GREETING $TARGET\" > /greeting && mkdir -p /data && echo x > /data/gone"
            + " && echo y > /data/kept\n"
            + "RUN rm /data/gone\n"
            + "\n"
            + "FROM base AS final\n"
            + "COPY --from=base /greeting /copied\n"
            + "WORKDIR /work/dir\n"
            + "CMD [\"sh\", \"-c\", \"cat /copied; ls /data; pwd; echo $TARGET\"]\n");
    List<String> out = new ArrayList<>();
    BuildResult result = engine.build(BuildRequest.of(context, "built-multistage:1"), out);

    assertThat(String.join("", out))
        .contains("Step 1/11 : FROM scratch AS base")
        .contains(" ---> Running in ")
        .contains("Successfully built " + result.imageId().shortHex())
        .contains("Successfully tagged built-multistage:1");
    assertThat(engine.run("built-multistage:1"))
        .containsExactly("hello world", "kept", "/work/dir", "world");
  }

  @Test
  void build_twice_reusesEveryLayerFromCacheAndGivesTheSameImage() throws Exception {
    busybox();
    write("Dockerfile", BASE + "RUN echo built > /marker\nCOPY app.txt /app.txt\n");
    write("app.txt", "v1\n");
    BuildResult first = engine.build(BuildRequest.of(context, "cached:1"), new ArrayList<>());
    List<String> out = new ArrayList<>();
    long start = System.nanoTime();
    BuildResult second = engine.build(BuildRequest.of(context, "cached:1"), out);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(second.imageId()).isEqualTo(first.imageId());
    assertThat(second.cachedSteps()).isEqualTo(4);
    assertThat(String.join("", out)).contains(" ---> Using cache").doesNotContain("Running in");
    assertThat(millis).as("warm rebuild time in ms").isLessThan(1000);

    write("app.txt", "v2\n");
    BuildResult third = engine.build(BuildRequest.of(context, "cached:1"), new ArrayList<>());
    assertThat(third.cachedSteps()).isEqualTo(3);
    assertThat(engine.run("cached:1", "cat", "/app.txt", "/marker")).containsExactly("v2", "built");
  }

  @Test
  void build_failingRun_reportsItsOutputLineAndExitCode() throws Exception {
    busybox();
    write("Dockerfile", BASE + "RUN echo about to fail && exit 3\n");
    List<String> out = new ArrayList<>();
    assertThatThrownBy(() -> engine.build(BuildRequest.of(context, "fails:1"), out))
        .isInstanceOf(BuildFailedException.class)
        .hasMessageContaining("Dockerfile:4")
        .hasMessageContaining("RUN echo about to fail && exit 3")
        .hasMessageContaining("returned a non-zero code: 3");
    assertThat(out).contains("about to fail\n");
    assertThat(engine.containers.list()).isEmpty();
  }

  @Test
  void build_buildArgsTargetAndDockerignore_areHonoured() throws Exception {
    busybox();
    write(".dockerignore", "secret*\n**/*.log\n!keep.log\n");
    write("secret.txt", "no\n");
    write("dir/a.log", "no\n");
    write("keep.log", "yes\n");
    write("dir/b.txt", "b\n");
    write(
        "Dockerfile",
        "ARG BASE=scratch\n"
            + "FROM ${BASE} AS first\n"
            + "COPY busybox /bin/busybox\n"
            + "COPY . /ctx/\n"
            + "ARG WHO=nobody\n"
            + "LABEL who=$WHO\n"
            + "CMD [\"/bin/busybox\", \"find\", \"/ctx\", \"-type\", \"f\"]\n"
            + "FROM first AS second\n"
            + "RUN never-runs\n");
    BuildResult result =
        engine.build(
            BuildRequest.of(context, "args:1")
                .withBuildArgs(Map.of("WHO", "me"))
                .withTarget("first"),
            new ArrayList<>());

    assertThat(engine.store.config(engine.store.get("args:1")).labels()).containsEntry("who", "me");
    assertThat(engine.run("args:1"))
        .containsExactlyInAnyOrder(
            "/ctx/busybox",
            "/ctx/Dockerfile",
            "/ctx/.dockerignore",
            "/ctx/keep.log",
            "/ctx/dir/b.txt");
    assertThat(result.tags()).hasSize(1);
  }

  @Test
  void build_unsupportedInstruction_failsNamingTheLine() throws Exception {
    write("Dockerfile", "FROM scratch\nONBUILD RUN x\n");
    assertThatThrownBy(() -> engine.build(BuildRequest.of(context), new ArrayList<>()))
        .isInstanceOf(EngineException.class)
        .hasMessage("Dockerfile:2: ONBUILD: not supported by berth yet");
  }

  @Test
  void build_contextArchiveEscapingTheContext_isRefused() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(bytes)) {
      byte[] content = "FROM scratch\n".getBytes();
      for (String name : List.of("Dockerfile", "../../escaped")) {
        var entry = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(name, true);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }

    assertThatThrownBy(
            () ->
                engine.builder.build(
                    new java.io.ByteArrayInputStream(bytes.toByteArray()),
                    BuildRequest.of(context),
                    BuildListener.NONE))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("build context")
        .hasMessageContaining("../../escaped");
    assertThat(engine.root.getParent().resolve("escaped")).doesNotExist();
  }
}
