package dev.berth.runtime.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.server.DockerCli;
import dev.berth.runtime.server.UnixHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TopEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ContainerOpsServer server;
  private static DockerCli docker;
  private static String id;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("berth-top-");
    server = ContainerOpsServer.start(dir);
    docker = new DockerCli(server.socket, Files.createDirectories(dir.resolve("docker-config")));
    // busybox sh execs its last command: the container runs two sleeps
    id = server.run("top-target", "sh", "-c", "sleep 601 & sleep 602");
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void dockerTop_listsTheContainersProcessesOnly() throws Exception {
    DockerCli.Result result = docker.run(null, "top", "top-target");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("PID").contains("sleep 601").contains("sleep 602");
    assertThat(result.stdout().lines().skip(1)).hasSize(2);
  }

  @Test
  void top_psArgs_chooseTheColumns() throws Exception {
    UnixHttp.Response response =
        UnixHttp.call(
            server.socket, "GET", "/containers/" + id + "/top?ps_args=-o%20pid,comm", null);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("Titles")).extracting(JsonNode::asText).containsExactly("PID", "COMMAND");
    assertThat(body.path("Processes")).hasSize(2);
  }

  @Test
  void top_psArgsWithoutPid_isABadRequest() throws Exception {
    UnixHttp.Response response =
        UnixHttp.call(server.socket, "GET", "/containers/" + id + "/top?ps_args=-o%20comm", null);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("no PID column");
  }

  @Test
  void top_stoppedContainer_isAConflict() throws Exception {
    String done = server.run("top-done", "true");
    server.containers.waitFor(done, Duration.ofSeconds(30));

    UnixHttp.Response response =
        UnixHttp.call(server.socket, "GET", "/containers/top-done/top", null);

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.body()).contains("is not running");
  }

  @Test
  void filter_commandWithSpaces_staysOneColumn() throws Exception {
    String ps = "UID PID PPID CMD\nroot 7 1 sleep 5 now\nroot 8 1 other\n";

    var top = TopEndpoint.filter(ps, Set.of("7"), "-ef");

    assertThat(top.processes()).containsExactly(java.util.List.of("root", "7", "1", "sleep 5 now"));
  }
}
