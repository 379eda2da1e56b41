package dev.berth.runtime.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Debian's docker-compose v1 (Python, docker-py) bringing a three-service project up and down on
 * each engine: a network, a named volume two services share, and a port published on the host.
 */
class DockerComposeV1ScenarioTest {

  @TempDir Path temp;

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(ClientEngines.class)
  void upAndDown_threeServicesWithNetworkVolumeAndPublishedPort(EngineKind kind) throws Exception {
    String image = ScenarioImages.busybox();
    String project = ScenarioImages.unique("cmp");
    int port = freePort();
    Path dir = Files.createDirectories(temp.resolve("project"));
    Files.writeString(dir.resolve("docker-compose.yml"), composeFile(image, port));
    try (ClientEngine engine =
        kind.open(
            temp,
            "DockerComposeV1ScenarioTest.upAndDown_threeServicesWithNetworkVolumeAndPublishedPort")) {
      ClientCommand compose = engine.dockerComposeV1();
      ClientCommand docker = engine.docker();
      engine.removeOnClose("volume", "rm", "-f", project + "_data");
      engine.removeOnClose("network", "rm", project + "_back");
      engine.removeOnClose(
          "rm", "-f", project + "_web_1", project + "_writer_1", project + "_client_1");

      ClientCommand.Result up = compose.runIn(dir, "-p", project, "up", "-d");
      assertThat(up.exitCode()).as(up.stderr()).isZero();

      assertThat(compose.runIn(dir, "-p", project, "ps", "-q").orThrow().out().lines())
          .hasSize(3)
          .allMatch(id -> id.matches("[0-9a-f]{64}"));
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(get("http://127.0.0.1:" + port + "/index.html"))
                      .isEqualTo("200 hello-from-web\n"));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          compose
                              .runIn(dir, "-p", project, "exec", "-T", "web", "cat", "/www/note")
                              .stdout())
                      .isEqualTo("written\n"));
      String webAddress =
          docker
              .runChecked(
                  "inspect",
                  "-f",
                  "{{(index .NetworkSettings.Networks \"" + project + "_back\").IPAddress}}",
                  project + "_web_1")
              .out();
      // The name is what is compared; packets between containers may be dropped by this host's
      // FORWARD policy under the test kit's iptables-less dockerd.
      String ping =
          compose
              .runIn(
                  dir, "-p", project, "exec", "-T", "client", "ping", "-c", "1", "-W", "1", "web")
              .stdout();
      assertThat(ping).startsWith("PING web (" + webAddress + ")");
      assertThat(
              docker
                  .runChecked("volume", "ls", "-q", "--filter", "name=" + project + "_data")
                  .out())
          .isEqualTo(project + "_data");

      ClientCommand.Result down = compose.runIn(dir, "-p", project, "down", "-v");
      assertThat(down.exitCode()).as(down.stderr()).isZero();
      assertThat(
              docker
                  .runChecked(
                      "ps", "-a", "-q", "--filter", "label=com.docker.compose.project=" + project)
                  .out())
          .isEmpty();
      assertThat(
              docker
                  .runChecked("network", "ls", "-q", "--filter", "name=" + project + "_back")
                  .out())
          .isEmpty();
      assertThat(
              docker
                  .runChecked("volume", "ls", "-q", "--filter", "name=" + project + "_data")
                  .out())
          .isEmpty();
    }
  }

  private static String composeFile(String image, int port) {
    return """
        version: "3.7"
        services:
          web:
            image: %1$s
            command: ["sh", "-c", "echo hello-from-web > /www/index.html && exec httpd -f -p 8080 -h /www"]
            ports: ["127.0.0.1:%2$d:8080"]
            networks: [back]
            volumes: ["data:/www"]
          writer:
            image: %1$s
            command: ["sh", "-c", "echo written > /data/note && exec sleep 300"]
            networks: [back]
            volumes: ["data:/data"]
          client:
            image: %1$s
            command: ["sleep", "300"]
            networks: [back]
            depends_on: [web]
        networks:
          back: {}
        volumes:
          data: {}
        """
        .formatted(image, port);
  }

  private static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
