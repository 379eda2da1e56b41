package dev.berth.runtime.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.server.TestServer;
import dev.berth.runtime.server.UnixHttp;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The container endpoints' parameters and answers, over HTTP against the fake engine. */
class ContainerEndpointsTest {
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

  private UnixHttp.Response call(String method, String path, String body) throws Exception {
    return UnixHttp.call(server.socket, method, path, body);
  }

  private String create(String body) throws Exception {
    UnixHttp.Response created = call("POST", "/containers/create?name=c", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).contains("\"Warnings\":[]");
    return created.body().replaceAll("(?s).*\"Id\":\"([0-9a-f]+)\".*", "$1").strip();
  }

  @Test
  void resize_ofATtyContainer_is200_andBadSizesAre400() throws Exception {
    create("{\"Image\":\"busybox\",\"Cmd\":[\"cat\"],\"Tty\":true}");

    assertThat(call("POST", "/containers/c/resize?h=24&w=80", null).status()).isEqualTo(200);
    UnixHttp.Response bad = call("POST", "/containers/c/resize?h=tall&w=80", null);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("invalid h=\\\"tall\\\"");
  }

  @Test
  void wait_withAnUnknownCondition_is400NamingIt() throws Exception {
    create("{\"Image\":\"busybox\",\"Cmd\":[\"echo\"]}");

    UnixHttp.Response response = call("POST", "/containers/c/wait?condition=soon", null);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("invalid condition \\\"soon\\\"");
  }

  @Test
  void wait_notRunning_onACreatedContainer_answersAtOnce() throws Exception {
    create("{\"Image\":\"busybox\",\"Cmd\":[\"echo\"]}");

    UnixHttp.Response response = call("POST", "/containers/c/wait", null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"StatusCode\":0}\n");
  }

  @Test
  void delete_is204ThenTheContainerIsGone() throws Exception {
    create("{\"Image\":\"busybox\",\"Cmd\":[\"echo\"]}");

    assertThat(call("DELETE", "/containers/c", null).status()).isEqualTo(204);
    assertThat(call("DELETE", "/containers/c", null).status()).isEqualTo(404);
  }

  @Test
  void create_withoutAnImage_is400() throws Exception {
    UnixHttp.Response response = call("POST", "/containers/create", "{\"Cmd\":[\"echo\"]}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("a container needs an image");
  }

  @Test
  void create_forAnotherPlatform_is400NamingIt() throws Exception {
    UnixHttp.Response response =
        call("POST", "/containers/create?platform=linux/arm64", "{\"Image\":\"busybox\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("does not support platform=linux/arm64");
  }
}
