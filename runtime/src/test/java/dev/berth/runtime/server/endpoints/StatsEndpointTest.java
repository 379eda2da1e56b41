package dev.berth.runtime.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.server.DockerCli;
import dev.berth.runtime.server.UnixHttp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StatsEndpointTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static ContainerOpsServer server;
  private static DockerCli docker;
  private static String id;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("berth-stats-");
    server = ContainerOpsServer.start(dir);
    docker = new DockerCli(server.socket, Files.createDirectories(dir.resolve("docker-config")));
    // a busy process and some memory, so the readings are not all zero
    id =
        server.run(
            "stats-target",
            "sh",
            "-c",
            "head -c 8000000 /dev/zero > /tmp/blob; while :; do :; done");
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void statsOnce_readsCpuMemoryAndPidsFromTheCgroup() throws Exception {
    UnixHttp.Response response =
        UnixHttp.call(server.socket, "GET", "/containers/" + id + "/stats?stream=false", null);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonNode stats = JSON.readTree(response.body());
    assertThat(stats.path("id").asText()).isEqualTo(id);
    assertThat(stats.path("name").asText()).isEqualTo("/stats-target");
    long cpu = stats.path("cpu_stats").path("cpu_usage").path("total_usage").asLong();
    long precpu = stats.path("precpu_stats").path("cpu_usage").path("total_usage").asLong();
    assertThat(precpu).isPositive();
    assertThat(cpu).isGreaterThan(precpu);
    assertThat(stats.path("cpu_stats").path("system_cpu_usage").asLong())
        .isGreaterThan(stats.path("precpu_stats").path("system_cpu_usage").asLong());
    assertThat(stats.path("memory_stats").path("usage").asLong()).isPositive();
    assertThat(stats.path("memory_stats").path("limit").asLong())
        .isGreaterThan(stats.path("memory_stats").path("usage").asLong());
    assertThat(stats.path("pids_stats").path("current").asLong()).isEqualTo(1);
  }

  @Test
  void statsOneShot_answersAtOnceWithoutPrecpu() throws Exception {
    long start = System.nanoTime();
    UnixHttp.Response response =
        UnixHttp.call(
            server.socket, "GET", "/containers/" + id + "/stats?stream=false&one-shot=true", null);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(900));
    JsonNode stats = JSON.readTree(response.body());
    assertThat(stats.path("precpu_stats").path("cpu_usage").path("total_usage").asLong()).isZero();
    assertThat(stats.path("preread").asText()).isEqualTo("0001-01-01T00:00:00Z");
  }

  @Test
  void statsStream_sendsAReadingPerSecondUntilTheClientGoes() throws Exception {
    try (SocketChannel channel = UnixHttp.connect(server.socket)) {
      Channels.newOutputStream(channel)
          .write(
              ("GET /containers/" + id + "/stats HTTP/1.1\r\nHost: berthd\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      var in = Channels.newInputStream(channel);
      assertThat(UnixHttp.readHead(in).status()).isEqualTo(200);
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      int readings = 0;
      while (readings < 2) {
        String line = lines.readLine();
        if (line != null && line.startsWith("{")) {
          assertThat(JSON.readTree(line).path("id").asText()).isEqualTo(id);
          readings++;
        }
      }
    }
  }

  @Test
  void dockerStatsNoStream_showsTheContainer() throws Exception {
    DockerCli.Result result =
        docker.run(
            null,
            "stats",
            "--no-stream",
            "--format",
            "{{.Name}} {{.CPUPerc}} {{.MemUsage}} {{.PIDs}}",
            "stats-target");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    String line = result.stdout().strip();
    assertThat(line).startsWith("stats-target ").endsWith(" 1");
    double cpu = Double.parseDouble(line.split(" ")[1].replace("%", ""));
    assertThat(cpu).as(line).isGreaterThan(10.0); // the busy loop
  }

  @Test
  void stats_stoppedContainer_isAConflict() throws Exception {
    String done = server.run("stats-done", "true");
    server.containers.waitFor(done, Duration.ofSeconds(30));

    UnixHttp.Response response =
        UnixHttp.call(server.socket, "GET", "/containers/stats-done/stats?stream=false", null);

    assertThat(response.status()).isEqualTo(409);
  }
}
