package dev.berth.runtime.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.server.TestServer;
import dev.berth.runtime.server.UnixHttp;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP layer as clients see it: socket, versions, headers, routing and error shapes. */
class ApiServerTest {
  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private UnixHttp.Response call(String method, String path) throws Exception {
    return UnixHttp.call(server.socket, method, path, null);
  }

  @Test
  void getPing_answersOkWithDockersHeaders() throws Exception {
    UnixHttp.Response response = call("GET", "/_ping");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("OK");
    assertThat(response.header("Api-Version")).isEqualTo("1.44");
    assertThat(response.header("Ostype")).isEqualTo("linux");
    assertThat(response.header("Server")).startsWith("berthd/");
  }

  @Test
  void headPing_sendsTheSameHeadersAndNoBody() throws Exception {
    UnixHttp.Response response = call("HEAD", "/_ping");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(response.header("Api-Version")).isEqualTo("1.44");
    assertThat(response.header("Ostype")).isEqualTo("linux");
    assertThat(response.header("Server")).startsWith("berthd/");
  }

  @Test
  void versionedPaths_from124To144_areServed() throws Exception {
    for (String version : List.of("1.24", "1.32", "1.38", "1.44")) {
      assertThat(call("GET", "/v" + version + "/_ping").status()).as(version).isEqualTo(200);
    }
  }

  @Test
  void aNewerApiVersion_isRejectedAsDockerDoes() throws Exception {
    UnixHttp.Response response = call("GET", "/v1.99/version");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            "{\"message\":\"client version 1.99 is too new. Maximum supported API version is"
                + " 1.44\"}\n");
    assertThat(response.header("Api-Version")).isEqualTo("1.44");
  }

  @Test
  void anOlderApiVersion_isRejectedAsDockerDoes() throws Exception {
    UnixHttp.Response response = call("GET", "/v1.12/version");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("client version 1.12 is too old");
  }

  @Test
  void anUnknownEndpoint_isA404NamingIt() throws Exception {
    UnixHttp.Response response = call("GET", "/v1.44/frobnicate");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).contains("page not found").contains("GET /frobnicate");
    assertThat(response.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void aKnownPathWithTheWrongMethod_isA404NamingTheRightOne() throws Exception {
    UnixHttp.Response response = call("DELETE", "/version");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).contains("/version only with GET");
  }

  @Test
  void malformedJson_isA400NamingTheProblem() throws Exception {
    UnixHttp.Response response =
        UnixHttp.call(server.socket, "POST", "/containers/create", "{\"Image\": busybox}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body())
        .contains("malformed JSON in the body of POST /containers/create")
        .contains("line 1");
  }

  @Test
  void aWronglyTypedField_isA400NamingTheField() throws Exception {
    UnixHttp.Response response =
        UnixHttp.call(
            server.socket, "POST", "/containers/create", "{\"Image\":\"busybox\",\"Cmd\":7}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("invalid JSON").contains("at Cmd");
  }

  @Test
  void aBodyThatIsNotDeclaredJson_isA400LikeDockers() throws Exception {
    String body = "{\"Image\":\"busybox\"}";
    UnixHttp.Response response =
        UnixHttp.exchange(
            server.socket,
            ("POST /containers/create HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Content-Type: text/plain\r\nContent-Length: "
                    + body.length()
                    + "\r\n\r\n"
                    + body)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body())
        .contains("unsupported Content-Type header (text/plain): must be 'application/json'");
  }

  @Test
  void anEmptyBody_isA400() throws Exception {
    UnixHttp.Response response = UnixHttp.call(server.socket, "POST", "/containers/create", "");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("needs a JSON body");
  }

  @Test
  void aBodyOverTheLimit_isA400AndTheServerKeepsServing() throws Exception {
    server.close();
    server =
        TestServer.start(
            dir,
            new ApiServer.Options(
                dir.resolve("berth.sock"),
                1024,
                Duration.ofSeconds(30),
                32,
                Duration.ofSeconds(2)));
    String huge = "{\"Image\":\"" + "x".repeat(4096) + "\"}";

    UnixHttp.Response response = UnixHttp.call(server.socket, "POST", "/containers/create", huge);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("larger than berthd's limit of 1024 bytes");
    assertThat(call("GET", "/_ping").status()).isEqualTo(200);
  }

  @Test
  void engineErrors_mapToDockersStatuses() throws Exception {
    String body = "{\"Image\":\"busybox\",\"Cmd\":[\"echo\"]}";
    assertThat(UnixHttp.call(server.socket, "POST", "/containers/create?name=web", body).status())
        .isEqualTo(201);

    UnixHttp.Response conflict =
        UnixHttp.call(server.socket, "POST", "/containers/create?name=web", body);
    UnixHttp.Response missing = call("POST", "/containers/nope/start");

    assertThat(conflict.status()).isEqualTo(409);
    assertThat(conflict.body()).contains("already in use");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"message\":\"No such container: nope\"}\n");
  }

  @Test
  void anEndpointBerthdDoesNotServeYet_isA501NamingIt() throws Exception {
    UnixHttp.Response response = call("GET", "/v1.44/images/library/redis:7/json");

    assertThat(response.status()).isEqualTo(501);
    assertThat(response.body())
        .contains("not implemented in berthd yet: GET /images/library/redis:7/json");
  }

  @Test
  void errorsJettyFindsItself_comeInDockersShapeWithTheHeaders() throws Exception {
    UnixHttp.Response response =
        UnixHttp.exchange(
            server.socket, "BROKEN\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).startsWith("{\"message\":");
    assertThat(response.header("Api-Version")).isEqualTo("1.44");
  }

  @Test
  void theSocket_hasMode0660AndIsRemovedOnStop() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.socket)))
        .isEqualTo("rw-rw----");

    server.close();

    assertThat(server.socket).doesNotExist();
    server = TestServer.start(dir);
  }

  @Test
  void starting_whereAnotherServerAnswers_failsWithConflict() {
    assertThatThrownBy(() -> TestServer.start(dir))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("another server answers there")
        .satisfies(e -> assertThat(((EngineException) e).kind()).isEqualTo(ErrorKind.CONFLICT));
    assertThat(server.socket).exists();
  }

  @Test
  void starting_overAStaleSocketFile_replacesIt() throws Exception {
    Path stale = dir.resolve("stale.sock");
    try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dead.bind(UnixDomainSocketAddress.of(stale));
    }
    assertThat(stale).exists();

    try (TestServer second = TestServer.start(dir, ApiServer.Options.defaults(stale))) {
      assertThat(UnixHttp.call(stale, "GET", "/_ping", null).status()).isEqualTo(200);
    }
  }

  @Test
  void starting_whereARegularFileIs_refusesToTouchIt() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-socket"), "data");

    assertThatThrownBy(() -> TestServer.start(dir, ApiServer.Options.defaults(file)))
        .hasMessageContaining("is not a socket");
    assertThat(file).hasContent("data");
  }
}
