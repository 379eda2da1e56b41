package dev.berth.runtime.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.registry.LocalRegistry;
import dev.berth.runtime.server.ResourceServer;
import dev.berth.runtime.server.UnixHttp;
import dev.berth.testkit.OciLayout;
import dev.berth.testkit.TestImages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pulls from a basic-auth registry of the test's own: the client's login in {@code
 * X-Registry-Auth}, and a layer gone from the registry failing the pull inside the progress stream.
 */
class OwnRegistryPullTest {
  @TempDir static Path dir;
  private static LocalRegistry registry;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = LocalRegistry.withLogin(dir.resolve("registry"));
    OciLayout layout =
        TestImages.build(TestImages.busybox(), Files.createDirectory(dir.resolve("layout")));
    registry.push(layout, "private:latest");
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    registry.close();
  }

  @Test
  void pull_usesTheClientsLoginFromXRegistryAuth_andFailsWithoutIt() throws Exception {
    try (ResourceServer server = ResourceServer.start(Files.createDirectories(dir.resolve("s")))) {
      String auth =
          Base64.getUrlEncoder()
              .encodeToString(
                  ("{\"username\":\"berth\",\"password\":\"s3cret\",\"serveraddress\":\""
                          + registry.host()
                          + "\"}")
                      .getBytes(StandardCharsets.UTF_8));

      UnixHttp.Response anonymous = pull(server, null);
      UnixHttp.Response withLogin = pull(server, auth);

      assertThat(anonymous.status()).isBetween(400, 599);
      assertThat(anonymous.body()).contains("401 unauthorized");
      assertThat(withLogin.status()).isEqualTo(200);
      assertThat(withLogin.body())
          .contains("Status: Downloaded newer image for " + registry.host() + "/private:latest");
      assertThat(server.images.find(registry.host() + "/private:latest")).isPresent();
    }
  }

  @Test
  void pull_whoseLayerIsGoneFromTheRegistry_endsTheStreamWithDockerdsErrorLine() throws Exception {
    OciLayout layout =
        TestImages.build(TestImages.layered(), Files.createDirectory(dir.resolve("broken-layout")));
    registry.push(layout, "broken:latest");
    String lastLayer = layout.layerDigests().get(2).replace("sha256:", "");
    Path blob =
        dir.resolve(
            "registry/storage/docker/registry/v2/blobs/sha256/"
                + lastLayer.substring(0, 2)
                + "/"
                + lastLayer
                + "/data");
    Files.delete(blob);
    try (ResourceServer server = ResourceServer.start(Files.createDirectories(dir.resolve("t")))) {
      String request =
          "POST /v1.44/images/create?fromImage="
              + registry.host()
              + "/broken&tag=latest HTTP/1.1\r\nHost: berthd\r\nConnection: close\r\n"
              + "X-Registry-Auth: "
              + login()
              + "\r\n\r\n";
      UnixHttp.Response response =
          UnixHttp.exchange(server.socket, request.getBytes(StandardCharsets.UTF_8));

      assertThat(response.status()).isEqualTo(200);
      String[] lines = response.body().strip().split("\n");
      assertThat(lines[0]).contains("Pulling from broken");
      assertThat(lines[lines.length - 1])
          .startsWith("{\"errorDetail\":{\"message\":\"pull " + registry.host() + "/broken:latest")
          .contains("\"error\":");
      assertThat(server.images.find(registry.host() + "/broken:latest")).isEmpty();
    }
  }

  private static String login() {
    return Base64.getUrlEncoder()
        .encodeToString(
            "{\"username\":\"berth\",\"password\":\"s3cret\"}".getBytes(StandardCharsets.UTF_8));
  }

  private static UnixHttp.Response pull(ResourceServer server, String auth) throws Exception {
    String request =
        "POST /v1.44/images/create?fromImage="
            + registry.host()
            + "/private&tag=latest HTTP/1.1\r\nHost: berthd\r\nConnection: close\r\n"
            + (auth == null ? "" : "X-Registry-Auth: " + auth + "\r\n")
            + "\r\n";
    return UnixHttp.exchange(server.socket, request.getBytes(StandardCharsets.UTF_8));
  }
}
