package dev.berth.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hijack spike: the real docker CLI runs containers of the fake engine through berthd. */
class DockerCliSpikeTest {
  @TempDir Path dir;
  private TestServer server;
  private DockerCli docker;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir);
    docker = new DockerCli(server.socket, Files.createDirectory(dir.resolve("docker-config")));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void dockerRunRm_echo_printsHiAndExitsZero() throws Exception {
    DockerCli.Result result = docker.run(null, "run", "--rm", "busybox", "echo", "hi");

    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdout()).isEqualTo("hi\n");
    assertThat(result.exitCode()).isZero();
    assertThat(server.containers.size()).isZero();
    assertThat(server.log)
        .anyMatch(line -> line.matches("info api: POST /v1\\.\\d+/containers/[0-9a-f]+/attach"))
        .anyMatch(line -> line.matches("info api: POST /v1\\.\\d+/containers/[0-9a-f]+/wait"));
  }

  @Test
  void dockerRunInteractive_cat_echoesStdinAfterTheClientHalfCloses() throws Exception {
    DockerCli.Result result =
        docker.run("line one\nline two\n", "run", "--rm", "-i", "busybox", "cat");

    assertThat(result.stderr()).isEmpty();
    assertThat(result.stdout()).isEqualTo("line one\nline two\n");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void dockerRun_stderrAndExitCode_reachTheCli() throws Exception {
    DockerCli.Result warned =
        docker.run(null, "run", "--rm", "busybox", "sh", "-c", "echo careful >&2");
    DockerCli.Result failed = docker.run(null, "run", "--rm", "busybox", "sh", "-c", "exit 3");

    assertThat(warned.stdout()).isEmpty();
    assertThat(warned.stderr()).isEqualTo("careful\n");
    assertThat(failed.exitCode()).isEqualTo(3);
  }

  @Test
  void dockerRunTty_getsTheRawStream() throws Exception {
    DockerCli.Result result = docker.run(null, "run", "--rm", "-t", "busybox", "echo", "raw");

    assertThat(result.stdout()).isEqualTo("raw\n");
    assertThat(result.exitCode()).isZero();
  }

  @Test
  void dockerEvents_sinceAndUntil_listsTheRunsEvents() throws Exception {
    docker.run(null, "run", "--rm", "--name", "spike", "busybox", "echo", "hi");
    String until = Long.toString(java.time.Instant.now().getEpochSecond() + 1);

    DockerCli.Result result =
        docker.run(
            null,
            "events",
            "--since",
            "1",
            "--until",
            until,
            "--filter",
            "container=spike",
            "--format",
            "{{.Action}} {{.Actor.Attributes.name}}");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout().lines())
        .containsExactly("create spike", "start spike", "die spike", "destroy spike");
  }

  @Test
  void dockerRun_withAnOptionBerthdDoesNotSupport_failsNamingIt() throws Exception {
    DockerCli.Result result =
        docker.run(
            null, "run", "--rm", "--memory-swap", "1g", "--cpuset-cpus", "0", "busybox", "echo");

    assertThat(result.exitCode()).isEqualTo(125);
    assertThat(result.stderr())
        .contains("berthd does not support")
        .contains("HostConfig.CpusetCpus")
        .contains("HostConfig.MemorySwap")
        .contains("POST /containers/create");
    assertThat(server.containers.size()).isZero();
  }

  @Test
  void dockerRunWithoutRm_thenDockerRm_waitsForNextExitAndRemoves() throws Exception {
    DockerCli.Result run = docker.run(null, "run", "--name", "kept", "busybox", "echo", "kept");

    assertThat(run.stdout()).isEqualTo("kept\n");
    assertThat(run.exitCode()).isZero();
    assertThat(server.containers.size()).isEqualTo(1);
    assertThat(server.log).anyMatch(line -> line.contains("/wait"));

    DockerCli.Result rm = docker.run(null, "rm", "kept");

    assertThat(rm.exitCode()).as(rm.stderr()).isZero();
    assertThat(rm.stdout()).isEqualTo("kept\n");
    assertThat(server.containers.size()).isZero();
  }

  @Test
  void dockerVersion_showsBerthdAsTheServer() throws Exception {
    DockerCli.Result result = docker.run(null, "version");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("berthd").contains("1.44");
  }

  @Test
  void dockerInfo_readsBerthdsInfo() throws Exception {
    DockerCli.Result result = docker.run(null, "info");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("test-host").contains("Server Version");
  }
}
