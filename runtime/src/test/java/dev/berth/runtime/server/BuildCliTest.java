package dev.berth.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.build.BuildEngine;
import dev.berth.runtime.server.endpoints.BuildEndpoint;
import dev.berth.runtime.server.endpoints.EngineIdentity;
import dev.berth.runtime.server.endpoints.HostFacts;
import dev.berth.runtime.server.endpoints.NotImplementedEndpoints;
import dev.berth.runtime.server.endpoints.SystemEndpoints;
import dev.berth.runtime.server.engine.ContainerCounts;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.runtime.server.http.ApiServer;
import dev.berth.runtime.server.http.ServerLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real {@code docker build} (classic builder) against berthd's build endpoint. */
class BuildCliTest {
  private static final Map<String, String> CLASSIC = Map.of("DOCKER_BUILDKIT", "0");
  private static BuildEngine engine;
  private static ApiServer server;
  private static EventBus events;
  private static DockerCli docker;
  private static Path dir;

  @TempDir Path context;

  @BeforeAll
  static void start() throws Exception {
    engine = new BuildEngine();
    dir = Files.createDirectories(engine.root.resolve("api"));
    events = EventBus.withDefaults();
    server =
        ApiServer.start(
            ApiServer.Options.defaults(dir.resolve("berth.sock")),
            List.of(
                new SystemEndpoints(
                    new EngineIdentity("test-engine", "test-host", dir),
                    HostFacts.detect(),
                    () -> ContainerCounts.NONE,
                    events,
                    dev.berth.runtime.registry.RegistryConfig.defaults()),
                new BuildEndpoint(engine.builder, ServerLog.NONE),
                new NotImplementedEndpoints()),
            ServerLog.NONE);
    docker =
        new DockerCli(dir.resolve("berth.sock"), Files.createDirectories(dir.resolve("config")));
  }

  @AfterAll
  static void stop() throws Exception {
    events.close();
    server.close();
    engine.close();
  }

  private void context(String dockerfile) throws Exception {
    Files.copy(
        Path.of("/bin/busybox"), context.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.writeString(context.resolve("Dockerfile"), dockerfile);
  }

  @Test
  void dockerBuild_streamsStepsAndTagsTheImage() throws Exception {
    context(
        "FROM scratch\n"
            + "COPY busybox /bin/busybox\n"
            + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo from-run; /bin/busybox mkdir /x\"]\n"
            + "CMD [\"/bin/busybox\", \"echo\", \"hi\"]\n");

    DockerCli.Result result =
        docker.runWithEnv(CLASSIC, null, "build", "-t", "cli-built:1", context.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout())
        .contains("Step 1/4 : FROM scratch")
        .contains("Step 3/4 : RUN")
        .contains("from-run")
        .contains("Successfully built")
        .contains("Successfully tagged cli-built:1");
    assertThat(engine.run("cli-built:1")).containsExactly("hi");
  }

  @Test
  void dockerBuild_failingRun_showsItsOutputAndExitCode() throws Exception {
    context(
        "FROM scratch\n"
            + "COPY busybox /bin/busybox\n"
            + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo before-failing; exit 7\"]\n");

    DockerCli.Result result = docker.runWithEnv(CLASSIC, null, "build", context.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.stdout()).contains("before-failing");
    assertThat(result.stderr()).contains("Dockerfile:3").contains("returned a non-zero code: 7");
  }

  @Test
  void dockerBuild_quietWithArgsLabelsAndTarget_printsOnlyTheId() throws Exception {
    context(
        "FROM scratch AS one\n"
            + "ARG WHO\n"
            + "LABEL who=$WHO\n"
            + "FROM one AS two\n"
            + "RUN never\n");

    DockerCli.Result result =
        docker.runWithEnv(
            CLASSIC,
            null,
            "build",
            "-q",
            "--build-arg",
            "WHO=cli",
            "--label",
            "extra=1",
            "--target",
            "one",
            "-t",
            "cli-quiet:1",
            context.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout().strip()).matches("sha256:[0-9a-f]{64}");
    assertThat(engine.store.config(engine.store.get("cli-quiet:1")).labels())
        .isEqualTo(Map.of("who", "cli", "extra", "1"));
  }

  @Test
  void dockerBuild_foreignPlatform_isRefused() throws Exception {
    context("FROM scratch\n");

    DockerCli.Result result =
        docker.runWithEnv(CLASSIC, null, "build", "--platform", "linux/s390x", context.toString());

    assertThat(result.exitCode()).isNotZero();
    assertThat(result.stderr()).contains("platform linux/s390x is not this host's");
  }

  @Test
  void dockerBuild_withoutDockerBuildkitVariable_usesTheClassicBuilderBerthdAnnounces()
      throws Exception {
    context("FROM scratch\nLABEL plain=yes\n");

    DockerCli.Result result = docker.run(null, "build", "-t", "cli-plain:1", context.toString());

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("Successfully tagged cli-plain:1");
  }
}
