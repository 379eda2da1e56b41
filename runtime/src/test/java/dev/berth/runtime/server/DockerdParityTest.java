package dev.berth.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.DockerdFixture;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same wire checks against berthd and dockerd (the test kit's, started if none answers):
 * headers, error shapes and statuses must agree (ARCHITECTURE §2's oracle). Only engine-independent
 * calls are compared.
 */
class DockerdParityTest {
  @TempDir static Path dir;
  private static TestServer berthd;

  @BeforeAll
  static void start() throws Exception {
    berthd = TestServer.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    berthd.close();
  }

  static Stream<String> engines() {
    return Stream.of("berthd", "dockerd");
  }

  private static Path socket(String engine) {
    if (engine.equals("berthd")) {
      return berthd.socket;
    }
    return DockerdFixture.shared().socket();
  }

  @ParameterizedTest
  @MethodSource("engines")
  void headPing_carriesApiVersionOstypeAndServer(String engine) throws Exception {
    UnixHttp.Response response = UnixHttp.call(socket(engine), "HEAD", "/_ping", null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Api-Version")).matches("1\\.\\d+");
    assertThat(response.header("Ostype")).isEqualTo("linux");
    assertThat(response.header("Server")).isNotBlank();
    assertThat(response.body()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("engines")
  void getPing_answersOk(String engine) throws Exception {
    UnixHttp.Response response = UnixHttp.call(socket(engine), "GET", "/_ping", null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("OK");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aTooNewVersion_isA400SayingSo(String engine) throws Exception {
    UnixHttp.Response response = UnixHttp.call(socket(engine), "GET", "/v1.99/version", null);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body())
        .startsWith(
            "{\"message\":\"client version 1.99 is too new. Maximum supported API version is");
    assertThat(response.header("Api-Version")).isNotBlank();
  }

  @ParameterizedTest
  @MethodSource("engines")
  void anUnknownPath_isA404WithAMessage(String engine) throws Exception {
    UnixHttp.Response response = UnixHttp.call(socket(engine), "GET", "/v1.24/frobnicate", null);

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).startsWith("{\"message\":\"page not found");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void startingAnUnknownContainer_isA404NamingIt(String engine) throws Exception {
    UnixHttp.Response response =
        UnixHttp.call(socket(engine), "POST", "/v1.24/containers/berth-parity-nope/start", null);

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo("{\"message\":\"No such container: berth-parity-nope\"}\n");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void malformedJson_isAnErrorInDockersShape(String engine) throws Exception {
    UnixHttp.Response response =
        UnixHttp.call(socket(engine), "POST", "/v1.24/containers/create", "{\"Image\": busybox}");

    // dockerd 20.10 (Debian 12's) still answers 500 here; dockerd 23+ and berthd answer 400
    assertThat(response.status())
        .isIn(engine.equals("berthd") ? new Integer[] {400} : new Integer[] {400, 500});
    assertThat(response.body()).startsWith("{\"message\":");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void version_reportsTheApiRange(String engine) throws Exception {
    UnixHttp.Response response = UnixHttp.call(socket(engine), "GET", "/version", null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).contains("\"ApiVersion\":\"1.").contains("\"MinAPIVersion\":\"1.");
  }
}
