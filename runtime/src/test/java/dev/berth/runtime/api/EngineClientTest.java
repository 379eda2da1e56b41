package dev.berth.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.server.TestServer;
import dev.berth.runtime.server.engine.ContainerSpec;
import dev.berth.testkit.DockerdFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine client against berthd's server, an absent socket, and dockerd when one runs. */
class EngineClientTest {
  @TempDir Path dir;
  private TestServer server;
  private EngineClient client;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir);
    client = EngineClient.forUnixSocket(server.socket, Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    server.close();
  }

  @Test
  void post_withALongLimit_outlastsTheHttpClientsIdleTimeout() throws Exception {
    // a wait answers only when the container exits: the engine is silent for longer than the HTTP
    // client's idle timeout (Jetty's default is 30 s; 300 ms here), but within the call's limit
    String id =
        server.containers.create(
            new ContainerSpec(
                Optional.empty(),
                "busybox",
                List.of(),
                List.of("sleep", "1.5"),
                List.of(),
                false,
                false,
                false,
                Map.of(),
                false));
    HttpClient http = EngineHttp.start();
    http.setIdleTimeout(300);
    try (EngineClient impatient =
        EngineClient.forUnixSocket(server.socket, Duration.ofSeconds(10), http)) {
      server.containers.start(id);

      ContainerWaitTemplate done =
          impatient.post(
              "/containers/" + id + "/wait",
              Map.of(),
              null,
              ContainerWaitTemplate.class,
              Duration.ofSeconds(5));

      assertThat(done.statusCode()).isZero();
    }
  }

  @Test
  void ping_readsTheApiVersionAndOsTypeHeaders() throws Exception {
    Ping ping = client.ping();

    assertThat(ping.apiVersion()).isEqualTo(ApiVersion.CURRENT);
    assertThat(ping.osType()).isEqualTo("linux");
    assertThat(ping.server()).startsWith("berthd/");
  }

  @Test
  void version_saysItIsBerthdWithTheApiRange() throws Exception {
    EngineVersion version = client.version();

    assertThat(version.isBerthd()).isTrue();
    assertThat(version.apiVersion()).isEqualTo(new ApiVersion(1, 44));
    assertThat(version.minApiVersion()).isEqualTo(new ApiVersion(1, 24));
    assertThat(version.version()).isEqualTo(BerthVersion.version());
    assertThat(version.os()).isEqualTo("linux");
  }

  @Test
  void get_readsAWireType() throws Exception {
    InfoTemplate info = client.get("/info", InfoTemplate.class);

    assertThat(info.name()).isEqualTo("test-host");
    assertThat(info.osType()).isEqualTo("linux");
    assertThat(info.swarm().localNodeState()).isEqualTo("inactive");
  }

  @Test
  void errors_carryTheKindOfTheStatusAndTheEnginesMessage() {
    assertThatThrownBy(() -> client.get("/nowhere", ErrorTemplate.class))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageContaining("GET /v1.44/nowhere: engine answered 404 page not found");
    assertThatThrownBy(() -> client.get("/volumes", ErrorTemplate.class))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED))
        .hasMessageContaining("not implemented in berthd yet: GET /volumes");
  }

  @Test
  void aSocketNobodyListensOn_isUnavailable() throws Exception {
    try (EngineClient nowhere =
        EngineClient.forUnixSocket(dir.resolve("absent.sock"), Duration.ofSeconds(5))) {
      assertThatThrownBy(nowhere::ping)
          .isInstanceOfSatisfying(
              EngineException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
          .hasMessageContaining("cannot reach the engine at " + dir.resolve("absent.sock"));
    }
  }

  @Test
  void kindOf_mapsDockersStatuses() {
    assertThat(EngineClient.kindOf(400)).isEqualTo(ErrorKind.INVALID_ARGUMENT);
    assertThat(EngineClient.kindOf(404)).isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(EngineClient.kindOf(409)).isEqualTo(ErrorKind.CONFLICT);
    assertThat(EngineClient.kindOf(500)).isEqualTo(ErrorKind.INTERNAL);
    assertThat(EngineClient.kindOf(501)).isEqualTo(ErrorKind.UNSUPPORTED);
  }

  @Test
  void version_ofDockerd_isNotBerthd() throws Exception {
    Path docker = DockerdFixture.shared().socket();
    try (EngineClient dockerd = EngineClient.forUnixSocket(docker, Duration.ofSeconds(10))) {
      EngineVersion version = dockerd.version();

      assertThat(version.isBerthd()).isFalse();
      assertThat(dockerd.apiVersion())
          .isEqualTo(
              dockerd.ping().apiVersion().compareTo(ApiVersion.CURRENT) < 0
                  ? dockerd.ping().apiVersion()
                  : ApiVersion.CURRENT);
      assertThat(dockerd.ping().osType()).isEqualTo("linux");
    }
  }

  @Test
  void close_releasesTheClientsThreads() throws Exception {
    client.ping();
    client.close();

    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("berth-engine-client") && t.isAlive());
  }
}
