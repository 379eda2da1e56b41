package dev.berth.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.HostLeakCheck;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The docker CLI (v28) against a real berthd: containers from the local registry's busybox run
 * under crun, on berthd's default bridge. After all, nothing of berthd's is left on the host.
 */
class DockerCliEngineTest {
  private static HostLeakCheck.Snapshot before;
  private static EngineBerthd engine;
  private DockerCli docker;

  @BeforeAll
  static void startEngine() throws Exception {
    before = HostLeakCheck.snapshot();
    engine = EngineBerthd.start();
  }

  @AfterAll
  static void stopEngine() throws Exception {
    engine.close();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(engine.leaksSince(before)).isEmpty());
  }

  @BeforeEach
  void cli() throws Exception {
    docker = new DockerCli(engine.socket(), Files.createTempDirectory(engine.dir, "cli"));
  }

  @AfterEach
  void removeContainers() throws Exception {
    for (var c : engine.berthd.engine().service().list()) {
      engine.berthd.engine().service().remove(c.id(), true, true);
    }
  }

  @Test
  void runRm_exitCode_reachesTheCli_andTheContainerIsGone() throws Exception {
    DockerCli.Result result = docker.run(null, "run", "--rm", "busybox", "sh", "-c", "exit 3");

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(3);
    assertThat(engine.berthd.engine().service().list()).isEmpty();
  }

  @Test
  void runRm_echo_printsItsOutput() throws Exception {
    DockerCli.Result result =
        docker.run(null, "run", "--rm", "busybox", "sh", "-c", "echo hi; echo oops >&2");

    assertThat(result.stdout()).isEqualTo("hi\n");
    assertThat(result.stderr()).isEqualTo("oops\n");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void runInteractive_cat_echoesStdin() throws Exception {
    DockerCli.Result result =
        docker.run("line one\nline two\n", "run", "--rm", "-i", "busybox", "cat");

    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdout()).isEqualTo("line one\nline two\n");
    assertThat(result.exitCode()).isZero();
  }
}
