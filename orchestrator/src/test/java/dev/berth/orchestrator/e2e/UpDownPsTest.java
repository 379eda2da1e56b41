package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code up -d}, {@code ps} and {@code down} of a three-service project, end to end. */
class UpDownPsTest {

  private static final String THREE_SERVICES =
      """
      services:
        db:
          image: ${IMAGE}
          command: ["sh", "-c", "echo db-ready > /data/state; exec sleep 600"]
          healthcheck:
            test: ["CMD-SHELL", "test -f /data/state"]
            interval: 500ms
            retries: 20
          volumes:
            - data:/data
        web:
          image: ${IMAGE}
          command: ["sh", "-c", "mkdir -p /www && echo hello from web > /www/index.html && exec httpd -f -p 80 -h /www"]
          ports:
            - "127.0.0.1:${WEB_PORT}:80"
          depends_on:
            db:
              condition: service_healthy
        worker:
          image: ${IMAGE}
          command: ["sh", "-c", "exec sleep 600"]
          depends_on: [web]
      volumes:
        data:
      """;

  @Test
  void upDetached_createsNetworkVolumeAndContainers_asDockerComposeNamesThem() throws Exception {
    int port = freePort();
    try (ComposeProject p = ComposeProject.create(THREE_SERVICES)) {
      p.env("WEB_PORT", Integer.toString(port));
      p.berth("up", "-d").orFail();
      String n = p.name();

      assertThat(
              ComposeProject.lines(
                  p.docker(
                      "ps",
                      "--format",
                      "{{.Names}}",
                      "--filter",
                      "label=com.docker.compose.project=" + n)))
          .containsExactlyInAnyOrder(n + "-db-1", n + "-web-1", n + "-worker-1");
      assertThat(
              p.docker(
                      "network",
                      "inspect",
                      "-f",
                      "{{index .Labels \"com.docker.compose.network\"}}",
                      n + "_default")
                  .strip())
          .isEqualTo("default");
      assertThat(
              p.docker(
                      "volume",
                      "inspect",
                      "-f",
                      "{{index .Labels \"com.docker.compose.volume\"}}",
                      n + "_data")
                  .strip())
          .isEqualTo("data");
      assertThat(
              p.docker(
                      "inspect",
                      "-f",
                      "{{index .Config.Labels \"com.docker.compose.service\"}} {{index .Config.Labels \"com.docker.compose.container-number\"}} {{index .Config.Labels \"com.docker.compose.oneoff\"}}",
                      n + "-web-1")
                  .strip())
          .isEqualTo("web 1 False");
      assertThat(p.docker("exec", n + "-db-1", "cat", "/data/state")).contains("db-ready");
      assertThat(httpGet(port)).contains("hello from web");
    }
  }

  @Test
  void eachContainer_hasItsServiceNameAsAlias_onTheProjectNetwork() throws Exception {
    // the test kit's dockerd runs without iptables, so its embedded DNS cannot be queried from
    // containers; the alias the DNS would answer is checked on the endpoint instead
    int port = freePort();
    try (ComposeProject p = ComposeProject.create(THREE_SERVICES)) {
      p.env("WEB_PORT", Integer.toString(port));
      p.berth("up", "-d").orFail();
      String aliases =
          p.docker(
              "inspect",
              "-f",
              "{{json (index .NetworkSettings.Networks \"" + p.name() + "_default\").Aliases}}",
              p.name() + "-web-1");
      assertThat(aliases).contains("\"web\"");
    }
  }

  @Test
  void upAgain_keepsUnchangedContainers_andRecreatesOnlyTheChangedService() throws Exception {
    int port = freePort();
    try (ComposeProject p = ComposeProject.create(THREE_SERVICES)) {
      p.env("WEB_PORT", Integer.toString(port));
      p.berth("up", "-d").orFail();
      String before = p.docker("ps", "-q", "--no-trunc", "--filter", "name=" + p.name() + "-db-1");
      String workerBefore =
          p.docker("ps", "-q", "--no-trunc", "--filter", "name=" + p.name() + "-worker-1");

      ComposeRun again = p.berth("up", "-d").orFail();
      assertThat(again.err()).contains("Container " + p.name() + "-db-1  Running");
      assertThat(p.docker("ps", "-q", "--no-trunc", "--filter", "name=" + p.name() + "-db-1"))
          .isEqualTo(before);

      String changed =
          THREE_SERVICES.replace(
              "exec sleep 600\"]\n    depends_on: [web]",
              "exec sleep 601\"]\n    depends_on: [web]");
      java.nio.file.Files.writeString(p.dir().resolve("compose.yaml"), changed);
      ComposeRun third = p.berth("up", "-d").orFail();
      assertThat(third.err()).contains("Container " + p.name() + "-worker-1  Recreate");
      assertThat(p.docker("ps", "-q", "--no-trunc", "--filter", "name=" + p.name() + "-worker-1"))
          .isNotEqualTo(workerBefore);
      assertThat(p.docker("ps", "-q", "--no-trunc", "--filter", "name=" + p.name() + "-db-1"))
          .isEqualTo(before);
    }
  }

  @Test
  void ps_listsTheProjectsContainers_withServiceStatusAndPorts() throws Exception {
    int port = freePort();
    try (ComposeProject p = ComposeProject.create(THREE_SERVICES)) {
      p.env("WEB_PORT", Integer.toString(port));
      p.berth("up", "-d").orFail();
      ComposeRun ps = p.berth("ps").orFail();
      assertThat(ps.out().lines().findFirst().orElseThrow())
          .startsWith("NAME")
          .contains("IMAGE", "COMMAND", "SERVICE", "CREATED", "STATUS", "PORTS");
      assertThat(ps.out())
          .contains(p.name() + "-db-1", p.name() + "-web-1", p.name() + "-worker-1")
          .contains("127.0.0.1:" + port + "->80/tcp")
          .contains("(healthy)");
      assertThat(p.berth("ps", "--services").orFail().out().lines().sorted().toList())
          .containsExactly("db", "web", "worker");
      assertThat(p.berth("ps", "-q").orFail().out().lines().count()).isEqualTo(3);
    }
  }

  @Test
  void ps_filterAndTemplateFormat() throws Exception {
    String yaml =
        """
        services:
          done:
            image: ${IMAGE}
            command: ["true"]
          busy:
            image: ${IMAGE}
            command: ["sleep", "600"]
            labels:
              tier: back
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      p.berth("up", "-d").orFail();
      p.berth("wait", "done").orFail();

      assertThat(p.berth("ps", "-a", "--filter", "status=exited", "--services").orFail().out())
          .isEqualTo("done\n");
      assertThat(
              p.berth("ps", "-a", "--format", "{{.Service}} {{.State}} {{.ExitCode}}")
                  .orFail()
                  .out())
          .isEqualTo("busy running 0\ndone exited 0\n");
      assertThat(p.berth("ps", "--format", "{{.Labels.tier}}|{{json .Service}}").orFail().out())
          .isEqualTo("back|\"busy\"\n");
      assertThat(p.berth("ps", "--format", "table {{.Name}}\\t{{.State}}").orFail().out())
          .isEqualTo(
              "NAME"
                  + " ".repeat(p.name().length() + 6)
                  + "STATE\n"
                  + p.name()
                  + "-busy-1   running\n");
      ComposeRun badFilter = p.berth("ps", "--filter", "name=x");
      assertThat(badFilter.exitCode()).isEqualTo(2);
      assertThat(badFilter.err()).contains("status");
    }
  }

  @Test
  void down_removesContainersNetworkAndVolume_andIsIdempotent() throws Exception {
    int port = freePort();
    try (ComposeProject p = ComposeProject.create(THREE_SERVICES)) {
      p.env("WEB_PORT", Integer.toString(port));
      p.berth("up", "-d").orFail();
      assertThat(p.leftovers()).hasSize(5);

      ComposeRun down = p.berth("down", "-v", "-t", "1").orFail();
      assertThat(down.err())
          .contains("Container " + p.name() + "-web-1  Removed")
          .contains("Network " + p.name() + "_default  Removed")
          .contains("Volume " + p.name() + "_data  Removed");
      p.assertNothingLeft();
      p.berth("down", "-v").orFail();
    }
  }

  @Test
  void down_withoutVolumes_keepsTheNamedVolume() throws Exception {
    int port = freePort();
    try (ComposeProject p = ComposeProject.create(THREE_SERVICES)) {
      p.env("WEB_PORT", Integer.toString(port));
      p.berth("up", "-d").orFail();
      p.berth("down", "-t", "1").orFail();
      assertThat(p.leftovers()).containsExactly("volume " + p.name() + "_data");
    }
  }

  @Test
  void downRemoveOrphans_removesContainersOfServicesNoLongerInTheFile() throws Exception {
    int port = freePort();
    try (ComposeProject p = ComposeProject.create(THREE_SERVICES)) {
      p.env("WEB_PORT", Integer.toString(port));
      p.berth("up", "-d").orFail();
      String withoutWorker =
          THREE_SERVICES.substring(0, THREE_SERVICES.indexOf("  worker:")) + "volumes:\n  data:\n";
      java.nio.file.Files.writeString(p.dir().resolve("compose.yaml"), withoutWorker);

      ComposeRun up = p.berth("up", "-d").orFail();
      assertThat(up.err()).contains("Found orphan containers (" + p.name() + "-worker-1)");
      ComposeRun down = p.berth("down", "-v", "--remove-orphans", "-t", "1").orFail();
      assertThat(down.err()).contains("Container " + p.name() + "-worker-1  Removed");
      p.assertNothingLeft();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String httpGet(int port) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Exception last = null;
    for (int i = 0; i < 50; i++) {
      try {
        return client.send(request, HttpResponse.BodyHandlers.ofString()).body();
      } catch (IOException e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw new UncheckedIOException("GET 127.0.0.1:" + port, (IOException) last);
  }
}
