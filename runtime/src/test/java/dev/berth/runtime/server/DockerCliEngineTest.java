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

  @Test
  void runTty_getsTheRawStream() throws Exception {
    DockerCli.Result result = docker.run(null, "run", "--rm", "-t", "busybox", "echo", "raw");

    assertThat(result.stdout()).isEqualTo("raw\r\n");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
  }

  @Test
  void runDetached_logsFollow_stop_rm() throws Exception {
    DockerCli.Result run =
        docker.run(
            null,
            "run",
            "-d",
            "--name",
            "ticker",
            "--label",
            "app=ticker",
            "busybox",
            "sh",
            "-c",
            "echo started; trap 'echo bye; exit 0' TERM; while true; do sleep 0.1; done");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    String id = run.stdout().strip();
    assertThat(id).matches("[0-9a-f]{64}");

    java.util.concurrent.CompletableFuture<DockerCli.Result> follow =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return docker.run(null, "logs", "-f", "ticker");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    DockerCli.Result ps =
        docker.run(null, "ps", "--filter", "label=app=ticker", "--format", "{{.Names}} {{.State}}");
    assertThat(ps.stdout()).isEqualTo("ticker running\n");
    DockerCli.Result stop = docker.run(null, "stop", "ticker");
    assertThat(stop.exitCode()).as(stop.stderr()).isZero();

    DockerCli.Result logs = follow.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(logs.stdout()).isEqualTo("started\nbye\n");
    DockerCli.Result exited =
        docker.run(null, "ps", "-a", "--filter", "label=app=ticker", "--format", "{{.Status}}");
    assertThat(exited.stdout()).startsWith("Exited (0)");
    DockerCli.Result rm = docker.run(null, "rm", "ticker");
    assertThat(rm.exitCode()).as(rm.stderr()).isZero();
    assertThat(docker.run(null, "ps", "-aq").stdout()).isEmpty();
  }

  @Test
  void inspect_showsStateConfigAndTheDefaultBridge() throws Exception {
    docker.run(
        null,
        "run",
        "--name",
        "probe",
        "--hostname",
        "web",
        "-e",
        "A=1",
        "busybox",
        "sh",
        "-c",
        "exit 4");

    DockerCli.Result inspect =
        docker.run(
            null,
            "inspect",
            "--format",
            "{{.Name}} {{.State.Status}} {{.State.ExitCode}} {{.Config.Hostname}} {{index .Config.Env 0}}"
                + " {{range $k, $v := .NetworkSettings.Networks}}{{$k}}{{end}}",
            "probe");

    assertThat(inspect.exitCode()).as(inspect.stderr()).isZero();
    assertThat(inspect.stdout()).isEqualTo("/probe exited 4 web A=1 bridge\n");
  }

  @Test
  void inspect_withoutAHostname_showsTheOneTheContainerGot_asDockerd() throws Exception {
    String id =
        docker.run(null, "run", "-d", "--name", "named", "busybox", "sleep", "30").stdout().strip();

    DockerCli.Result inspect = docker.run(null, "inspect", "-f", "{{.Config.Hostname}}", "named");
    DockerCli.Result inside = docker.run(null, "exec", "named", "hostname");

    assertThat(inspect.stdout().strip()).isEqualTo(id.substring(0, 12));
    assertThat(inside.stdout().strip()).isEqualTo(id.substring(0, 12));
  }

  @Test
  void runPublished_isReachedOverTcpFromTheHost() throws Exception {
    DockerCli.Result run =
        docker.run(
            null,
            "run",
            "-d",
            "--name",
            "web",
            "-p",
            "127.0.0.1::8080",
            "busybox",
            "sh",
            "-c",
            "while true; do echo hello from web | nc -l -p 8080; done");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    DockerCli.Result port = docker.run(null, "port", "web", "8080/tcp");
    assertThat(port.stdout()).startsWith("127.0.0.1:");
    int hostPort = Integer.parseInt(port.stdout().strip().replaceAll(".*:", ""));

    String answer =
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> readFrom(hostPort), text -> text.contains("hello from web"));
    assertThat(answer).isEqualTo("hello from web\n");
  }

  private static String readFrom(int port) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(2000);
      return new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "";
    }
  }

  @Test
  void twoContainersOnAUserNetwork_resolveEachOtherByName() throws Exception {
    var driver = engine.berthd.engine().networks();
    String networkId = "f" + "0".repeat(55) + engine.suffix;
    driver.create(
        dev.berth.runtime.network.NetworkSpec.simple(networkId, "appnet-" + engine.suffix));
    try {
      DockerCli.Result server =
          docker.run(
              null,
              "run",
              "-d",
              "--name",
              "api",
              "--network",
              "appnet-" + engine.suffix,
              "--network-alias",
              "backend",
              "busybox",
              "sh",
              "-c",
              "while true; do echo pong | nc -l -p 7000; done");
      assertThat(server.exitCode()).as(server.stderr()).isZero();

      DockerCli.Result client =
          docker.run(
              null,
              "run",
              "--rm",
              "--network",
              "appnet-" + engine.suffix,
              "busybox",
              "sh",
              "-c",
              "nslookup api >/dev/null && sleep 0.3 && nc backend 7000 </dev/null");

      assertThat(client.stdout()).as(client.stderr()).isEqualTo("pong\n");
      assertThat(client.exitCode()).isZero();
    } finally {
      docker.run(null, "rm", "-f", "api");
      driver.remove(networkId);
    }
  }

  @Test
  void aRestartedBerthd_readoptsARunningContainer_withItsPortAndNetwork() throws Exception {
    DockerCli.Result run =
        docker.run(
            null,
            "run",
            "-d",
            "--name",
            "survivor",
            "-p",
            "127.0.0.1::8080",
            "busybox",
            "sh",
            "-c",
            "while true; do echo alive | nc -l -p 8080; done");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    String pid = docker.run(null, "inspect", "--format", "{{.State.Pid}}", "survivor").stdout();
    int hostPort =
        Integer.parseInt(
            docker
                .run(null, "port", "survivor", "8080/tcp")
                .stdout()
                .strip()
                .replaceAll(".*:", ""));

    engine.restart();

    assertThat(docker.run(null, "port", "survivor", "8080/tcp").stdout().strip())
        .as("the re-adopted container's published port is shown again")
        .isEqualTo("127.0.0.1:" + hostPort);

    DockerCli.Result inspect =
        docker.run(
            null,
            "inspect",
            "--format",
            "{{.State.Status}} {{.State.Pid}} {{.NetworkSettings.Networks.bridge.IPAddress}}",
            "survivor");
    assertThat(inspect.stdout()).startsWith("running " + pid.strip() + " 10.199.");
    assertThat(
            org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> readFrom(hostPort), text -> !text.isEmpty()))
        .isEqualTo("alive\n");
    DockerCli.Result stop = docker.run(null, "stop", "-t", "1", "survivor");
    assertThat(stop.exitCode()).as(stop.stderr()).isZero();
    // sh runs no trap while nc holds the foreground: SIGKILL after the grace, as with dockerd
    assertThat(docker.run(null, "inspect", "--format", "{{.State.ExitCode}}", "survivor").stdout())
        .isEqualTo("137\n");
    assertThat(docker.run(null, "rm", "survivor").exitCode()).isZero();
  }

  @Test
  void namedVolume_outlivesItsContainer_andInfoCountsContainers() throws Exception {
    String volume = "data-" + engine.suffix;
    DockerCli.Result write =
        docker.run(
            null,
            "run",
            "--rm",
            "-v",
            volume + ":/data",
            "busybox",
            "sh",
            "-c",
            "echo kept > /data/f");
    assertThat(write.exitCode()).as(write.stderr()).isZero();
    DockerCli.Result read =
        docker.run(
            null,
            "run",
            "--name",
            "reader",
            "-v",
            volume + ":/data:ro",
            "busybox",
            "cat",
            "/data/f");

    assertThat(read.stdout()).as(read.stderr()).isEqualTo("kept\n");
    assertThat(
            docker.run(null, "info", "--format", "{{.Containers}} {{.ContainersStopped}}").stdout())
        .isEqualTo("1 1\n");
    assertThat(docker.run(null, "wait", "reader").stdout()).isEqualTo("0\n");
    assertThat(engine.berthd.engine().service().usingVolume(volume)).hasSize(1);
  }

  @Test
  void healthcheck_fromCreate_reachesHealthyInInspectAndPs() throws Exception {
    DockerCli.Result run =
        docker.run(
            null,
            "run",
            "-d",
            "--name",
            "checked",
            "--health-cmd",
            "true",
            "--health-interval",
            "200ms",
            "--health-start-interval",
            "100ms",
            "busybox",
            "sleep",
            "30");
    assertThat(run.exitCode()).as(run.stderr()).isZero();

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(
                        docker
                            .run(null, "inspect", "--format", "{{.State.Health.Status}}", "checked")
                            .stdout())
                    .isEqualTo("healthy\n"));
    assertThat(
            docker.run(null, "ps", "--filter", "health=healthy", "--format", "{{.Names}}").stdout())
        .isEqualTo("checked\n");
  }

  @Test
  void detachedAutoRemove_goesAfterExit_andRestartPolicyCountsRestarts() throws Exception {
    DockerCli.Result gone =
        docker.run(null, "run", "-d", "--rm", "--name", "brief", "busybox", "true");
    DockerCli.Result flaky =
        docker.run(
            null,
            "run",
            "-d",
            "--name",
            "flaky",
            "--restart",
            "on-failure:2",
            "busybox",
            "sh",
            "-c",
            "exit 1");
    assertThat(gone.exitCode()).as(gone.stderr()).isZero();
    assertThat(flaky.exitCode()).as(flaky.stderr()).isZero();

    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              assertThat(docker.run(null, "ps", "-aq", "--filter", "name=brief").stdout())
                  .isEmpty();
              assertThat(
                      docker
                          .run(
                              null,
                              "inspect",
                              "--format",
                              "{{.RestartCount}} {{.State.Status}} {{.State.ExitCode}}",
                              "flaky")
                          .stdout())
                  .isEqualTo("2 exited 1\n");
            });
  }

  @Test
  void aStaticAddress_onAUserNetwork_isTheContainersAddress() throws Exception {
    var driver = engine.berthd.engine().networks();
    String networkId = "d" + "0".repeat(55) + engine.suffix;
    var network =
        driver.create(
            dev.berth.runtime.network.NetworkSpec.simple(networkId, "fixed-" + engine.suffix));
    String address = network.allocation().subnet().network().plus(50).toString();
    try {
      DockerCli.Result run =
          docker.run(
              null,
              "run",
              "--rm",
              "--network",
              "fixed-" + engine.suffix,
              "--ip",
              address,
              "busybox",
              "sh",
              "-c",
              "ip -4 -o addr show eth0");

      assertThat(run.exitCode()).as(run.stderr()).isZero();
      assertThat(run.stdout()).contains("inet " + address + "/");
    } finally {
      driver.remove(networkId);
    }
  }
}
