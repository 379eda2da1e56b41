package dev.berth.runtime.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.server.DockerCli;
import dev.berth.runtime.server.UnixHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Exec through berthd's socket with the real docker CLI and raw API calls, on real containers. */
class ExecEndpointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ContainerOpsServer server;
  private static DockerCli docker;
  private static String id;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("berth-exec-");
    server = ContainerOpsServer.start(dir, Duration.ofMillis(300));
    docker = new DockerCli(server.socket, Files.createDirectories(dir.resolve("docker-config")));
    id = server.run("exec-target", "sleep", "600");
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void dockerExec_exitCode_isTheProcesssExitCode() throws Exception {
    DockerCli.Result result = docker.run(null, "exec", "exec-target", "sh", "-c", "exit 7");

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(7);
  }

  @Test
  void dockerExec_manyAtOnce_eachGetsItsOwnExitCodeAndOutput() throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(12);
    try {
      java.util.List<java.util.concurrent.Future<DockerCli.Result>> runs =
          new java.util.ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String n = Integer.toString(i);
        runs.add(
            pool.submit(
                () ->
                    docker.run(
                        null, "exec", "exec-target", "sh", "-c", "echo " + n + "; exit " + n)));
      }
      for (int i = 0; i < 12; i++) {
        DockerCli.Result result = runs.get(i).get();
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(i);
        assertThat(result.stdout()).isEqualTo(i + "\n");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void dockerExec_missingProgram_exits126NamingIt() throws Exception {
    DockerCli.Result result = docker.run(null, "exec", "exec-target", "no-such-program");

    assertThat(result.exitCode()).isEqualTo(126);
    assertThat(result.stderr()).contains("no-such-program");
  }

  @Test
  void dockerExec_output_keepsStdoutAndStderrApart() throws Exception {
    DockerCli.Result result =
        docker.run(null, "exec", "exec-target", "sh", "-c", "echo out; echo err >&2");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).isEqualTo("out\n");
    assertThat(result.stderr()).isEqualTo("err\n");
  }

  @Test
  void engineClientHijack_forwardsStdinAndHalfCloses_andDemuxesOutput() throws Exception {
    try (dev.berth.runtime.api.EngineClient client =
        dev.berth.runtime.api.EngineClient.forUnixSocket(server.socket, Duration.ofSeconds(10))) {
      JsonNode created =
          client.post(
              "/containers/exec-target/exec",
              java.util.Map.of(),
              java.util.Map.of(
                  "AttachStdin", true,
                  "AttachStdout", true,
                  "AttachStderr", true,
                  "Cmd", java.util.List.of("sh", "-c", "wc -l; echo bye >&2")),
              JsonNode.class);
      String exec = created.get("Id").asText();
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      try (dev.berth.runtime.api.RawStream stream =
          client.hijack(
              "/exec/" + exec + "/start",
              java.util.Map.of(),
              java.util.Map.of("Detach", false, "Tty", false))) {
        stream.out().write("one\ntwo\nthree\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        stream.closeWrite();
        dev.berth.runtime.api.LogFrames.read(
            stream.in(), false, (kind, payload) -> (kind == 2 ? err : out).write(payload));
      }

      assertThat(out.toString().strip()).isEqualTo("3");
      assertThat(err.toString()).isEqualTo("bye\n");
    }
  }

  @Test
  void dockerExecInteractive_forwardsStdinUntilItsEnd() throws Exception {
    DockerCli.Result result = docker.run("one\ntwo\n", "exec", "-i", "exec-target", "wc", "-l");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout().strip()).isEqualTo("2");
  }

  @Test
  void dockerExec_envUserAndWorkdir_applyToTheProcess() throws Exception {
    DockerCli.Result result =
        docker.run(
            null,
            "exec",
            "-e",
            "GREETING=hi there",
            "-u",
            "app",
            "-w",
            "/tmp",
            "exec-target",
            "sh",
            "-c",
            "echo \"$GREETING\" $(id -u) $(pwd)");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).isEqualTo("hi there 1000 /tmp\n");
  }

  @Test
  void dockerExecDetached_returnsAtOnceAndTheProcessRuns() throws Exception {
    DockerCli.Result result =
        docker.run(null, "exec", "-d", "exec-target", "sh", "-c", "sleep 0.3; touch /tmp/detached");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    Path marker = server.rootfs(id).resolve("tmp/detached");
    assertThat(marker).doesNotExist();
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(marker));
  }

  @Test
  void execInspect_afterTheEnd_reportsExitCodeProcessAndContainer() throws Exception {
    String execId = create("{\"Cmd\":[\"sh\",\"-c\",\"exit 3\"],\"AttachStdout\":true}");
    JsonNode before = inspect(execId);
    assertThat(before.path("Running").asBoolean()).isFalse();
    assertThat(before.path("ExitCode").isNull()).isTrue();

    UnixHttp.Response start =
        UnixHttp.call(server.socket, "POST", "/exec/" + execId + "/start", "{\"Detach\":true}");
    assertThat(start.status()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> inspect(execId).path("ExitCode").asInt(-1) == 3);
    JsonNode after = inspect(execId);
    assertThat(after.path("Running").asBoolean()).isFalse();
    assertThat(after.path("ContainerID").asText()).isEqualTo(id);
    assertThat(after.path("Pid").asInt()).isPositive();
    assertThat(after.path("ProcessConfig").path("entrypoint").asText()).isEqualTo("sh");
    assertThat(after.path("ProcessConfig").path("arguments"))
        .extracting(JsonNode::asText)
        .containsExactly("-c", "exit 3");
  }

  @Test
  void execStart_twice_isAConflict() throws Exception {
    String execId = create("{\"Cmd\":[\"true\"]}");
    UnixHttp.call(server.socket, "POST", "/exec/" + execId + "/start", "{\"Detach\":true}");

    UnixHttp.Response again =
        UnixHttp.call(server.socket, "POST", "/exec/" + execId + "/start", "{\"Detach\":true}");

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains(execId);
  }

  @Test
  void execCreate_withoutCommand_isRefused() throws Exception {
    UnixHttp.Response response =
        UnixHttp.call(server.socket, "POST", "/containers/" + id + "/exec", "{\"Cmd\":[]}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("no exec command");
  }

  @Test
  void execInspect_unknownId_isNotFound() throws Exception {
    UnixHttp.Response response = UnixHttp.call(server.socket, "GET", "/exec/nope/json", null);

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).contains("No such exec instance: nope");
  }

  @Test
  void execInstances_ofARemovedContainer_areForgottenSoonAfter() throws Exception {
    String other = server.run("exec-short", "sleep", "600");
    String execId =
        JSON.readTree(
                UnixHttp.call(
                        server.socket,
                        "POST",
                        "/containers/" + other + "/exec",
                        "{\"Cmd\":[\"true\"]}")
                    .body())
            .path("Id")
            .asText();
    assertThat(inspectStatus(execId)).isEqualTo(200);

    server.containers.remove(other, true, true);

    assertThat(inspectStatus(execId)).isEqualTo(200); // noticed gone now, kept a little while
    await().atMost(Duration.ofSeconds(10)).until(() -> inspectStatus(execId) == 404);
  }

  @Test
  void execEvents_createStartDie_reachTheEventBus() throws Exception {
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (var subscription =
        server.events.subscribe(
            e -> e.actorId().equals(id),
            java.util.Optional.empty(),
            new dev.berth.runtime.server.engine.EventBus.Listener() {
              @Override
              public void event(dev.berth.runtime.server.engine.EngineEvent event) {
                seen.add(event.action() + " " + event.attributes().getOrDefault("exitCode", ""));
              }

              @Override
              public void closed() {}
            })) {
      assertThat(docker.run(null, "exec", "exec-target", "sh", "-c", "exit 4").exitCode())
          .isEqualTo(4);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(seen)
                      .containsExactly(
                          "exec_create: sh -c exit 4 ", "exec_start: sh -c exit 4 ", "exec_die 4"));
    }
  }

  @Test
  void execWithTty_hijacked_streamsRawOutputFromATerminal() throws Exception {
    String execId =
        create(
            "{\"Cmd\":[\"sh\",\"-c\",\"test -t 1 && echo on-a-tty; exit 5\"],"
                + "\"Tty\":true,\"AttachStdout\":true,\"AttachStderr\":true}");

    Hijacked session = hijackStart(execId, "{\"Detach\":false,\"Tty\":true}", null);

    assertThat(session.status()).isEqualTo(101);
    assertThat(session.contentType()).isEqualTo("application/vnd.docker.raw-stream");
    assertThat(session.output()).contains("on-a-tty").doesNotContain("\u0001\u0000\u0000\u0000");
    assertThat(inspect(execId).path("ExitCode").asInt()).isEqualTo(5);
  }

  @Test
  void execHijacked_stdinHalfClose_endsTheProcessInput() throws Exception {
    String execId =
        create(
            "{\"Cmd\":[\"sh\",\"-c\",\"cat; echo eof-seen >&2\"],"
                + "\"AttachStdin\":true,\"AttachStdout\":true,\"AttachStderr\":true}");

    Hijacked session = hijackStart(execId, "{\"Detach\":false}", "ping\n");

    assertThat(session.status()).isEqualTo(101);
    // stdout and stderr are separate pipes: their frames may arrive in either order
    assertThat(session.output())
        .contains("\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0005ping\n")
        .contains("\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0009eof-seen\n")
        .hasSize(2 * 8 + "ping\n".length() + "eof-seen\n".length());
    assertThat(inspect(execId).path("ExitCode").asInt()).isZero();
  }

  @Test
  void execCreate_pausedContainer_isAConflict() throws Exception {
    String paused = server.run("exec-paused", "sleep", "600");
    server.containers.pause(paused);

    UnixHttp.Response response =
        UnixHttp.call(
            server.socket, "POST", "/containers/exec-paused/exec", "{\"Cmd\":[\"true\"]}");

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.body()).contains("paused");
  }

  private record Hijacked(int status, String contentType, String output) {}

  /** Starts an exec over a hijacked connection, sends {@code stdin} then half-closes. */
  private static Hijacked hijackStart(String execId, String body, String stdin) throws Exception {
    byte[] json = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String head =
        "POST /exec/"
            + execId
            + "/start HTTP/1.1\r\nHost: berthd\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
            + "Content-Type: application/json\r\nContent-Length: "
            + json.length
            + "\r\n\r\n";
    try (java.nio.channels.SocketChannel channel = UnixHttp.connect(server.socket)) {
      var out = java.nio.channels.Channels.newOutputStream(channel);
      out.write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      out.write(json);
      var in = java.nio.channels.Channels.newInputStream(channel);
      UnixHttp.Response response = UnixHttp.readHead(in);
      if (stdin != null) {
        out.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      channel.shutdownOutput();
      String output = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      return new Hijacked(response.status(), response.header("Content-Type"), output);
    }
  }

  private static String create(String body) throws Exception {
    UnixHttp.Response response =
        UnixHttp.call(server.socket, "POST", "/containers/" + id + "/exec", body);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).path("Id").asText();
  }

  private static JsonNode inspect(String execId) throws Exception {
    UnixHttp.Response response =
        UnixHttp.call(server.socket, "GET", "/exec/" + execId + "/json", null);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static int inspectStatus(String execId) throws Exception {
    return UnixHttp.call(server.socket, "GET", "/exec/" + execId + "/json", null).status();
  }
}
