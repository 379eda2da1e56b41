package dev.berth.runtime.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.registry.LocalRegistry;
import dev.berth.runtime.server.ResourceServer;
import dev.berth.runtime.server.UnixHttp;
import dev.berth.testkit.HostCommand;
import dev.berth.testkit.OciLayout;
import dev.berth.testkit.TestImages;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code X-Registry-Auth} on a pull: the client's login for a registry with basic auth. */
class ImagePullAuthTest {
  @TempDir static Path dir;
  private static LocalRegistry registry;

  @BeforeAll
  static void startRegistry() throws Exception {
    Path htpasswd = dir.resolve("htpasswd");
    try (InputStream in =
        ImagePullAuthTest.class.getResourceAsStream("/registry/htpasswd_berth_s3cret")) {
      Files.write(htpasswd, in.readAllBytes());
    }
    registry =
        LocalRegistry.start(
            Files.createDirectory(dir.resolve("registry")),
            "auth:\n  htpasswd:\n    realm: berth-test\n    path: " + htpasswd + "\n");
    OciLayout layout =
        TestImages.build(TestImages.busybox(), Files.createDirectory(dir.resolve("layout")));
    HostCommand.runChecked(
        List.of(
            "skopeo",
            "--insecure-policy",
            "copy",
            "--dest-tls-verify=false",
            "--dest-creds",
            "berth:s3cret",
            layout.transportReference(),
            "docker://" + registry.host() + "/private:latest"),
        Duration.ofSeconds(120));
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
