package dev.berth.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.DockerdFixture;
import dev.berth.testkit.HostLeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same docker CLI scenarios against a real berthd and against dockerd (the test kit's): exit
 * codes, output streams, labels, ps filters and inspect must agree.
 */
class DockerCliDifferentialTest {
  private static HostLeakCheck.Snapshot before;
  private static EngineBerthd engine;

  @BeforeAll
  static void start() throws Exception {
    before = HostLeakCheck.snapshot();
    engine = EngineBerthd.start();
    DockerCli.Result pulled = cli("dockerd").run(null, "pull", "-q", engine.busybox);
    assertThat(pulled.exitCode()).as(pulled.stderr()).isZero();
  }

  @AfterAll
  static void stop() throws Exception {
    engine.close();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(engine.leaksSince(before)).isEmpty());
  }

  static Stream<String> engines() {
    return Stream.of("berthd", "dockerd");
  }

  private static DockerCli cli(String which) throws Exception {
    Path socket = which.equals("berthd") ? engine.socket() : DockerdFixture.shared().socket();
    return new DockerCli(socket, Files.createTempDirectory(engine.dir, "cli"));
  }

  @ParameterizedTest
  @MethodSource("engines")
  void runRm_exitCodeAndStreams_agree(String which) throws Exception {
    DockerCli docker = cli(which);

    DockerCli.Result failed = docker.run(null, "run", "--rm", engine.busybox, "sh", "-c", "exit 3");
    DockerCli.Result streams =
        docker.run(null, "run", "--rm", engine.busybox, "sh", "-c", "echo out; echo err >&2");

    assertThat(failed.exitCode()).as(failed.stderr()).isEqualTo(3);
    assertThat(streams.stdout()).isEqualTo("out\n");
    assertThat(streams.stderr()).isEqualTo("err\n");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void detachedWithLabels_psFilterAndInspect_agree(String which) throws Exception {
    DockerCli docker = cli(which);
    String name = "berth-diff-" + engine.suffix;
    String label = "berth.diff=" + engine.suffix;
    try {
      DockerCli.Result run =
          docker.run(
              null, "run", "-d", "--name", name, "--label", label, engine.busybox, "sleep", "30");
      assertThat(run.exitCode()).as(run.stderr()).isZero();

      DockerCli.Result ps =
          docker.run(null, "ps", "--filter", "label=" + label, "--format", "{{.Names}} {{.State}}");
      DockerCli.Result inspect =
          docker.run(
              null,
              "inspect",
              "--format",
              "{{.Name}} {{.State.Status}} {{.State.Running}} {{index .Config.Labels \"berth.diff\"}}"
                  + " {{.HostConfig.NetworkMode}} {{len .NetworkSettings.Networks}}",
              name);

      assertThat(ps.stdout()).isEqualTo(name + " running\n");
      assertThat(inspect.stdout())
          .isEqualTo("/" + name + " running true " + engine.suffix + " default 1\n");
    } finally {
      docker.run(null, "rm", "-f", name);
    }
  }
}
