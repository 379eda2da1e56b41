package dev.berth.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.orchestrator.cli.BerthMain;
import dev.berth.orchestrator.cli.HostContext;
import dev.berth.runtime.registry.LocalRegistry;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.DockerdFixture;
import dev.berth.testkit.HostCommand;
import dev.berth.testkit.OciLayout;
import dev.berth.testkit.TestImages;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull from a registry that needs a login, against Debian's dockerd: dockerd reads no
 * config.json, so the image arrives only when berth sends the caller's login (X-Registry-Auth) as
 * the docker CLI does.
 */
class PrivateRegistryPullTest {
  private static final String HOST = "unix://" + DockerdFixture.shared().socket();
  @TempDir static Path dir;
  private static LocalRegistry registry;
  private static String image;

  @BeforeAll
  static void startRegistry() throws Exception {
    Path htpasswd = dir.resolve("htpasswd");
    try (InputStream in =
        LocalRegistry.class.getResourceAsStream("/registry/htpasswd_berth_s3cret")) {
      Files.write(htpasswd, in.readAllBytes());
    }
    registry =
        LocalRegistry.start(
            Files.createDirectory(dir.resolve("registry")),
            "auth:\n  htpasswd:\n    realm: berth-test\n    path: " + htpasswd + "\n");
    OciLayout layout =
        TestImages.build(TestImages.busybox(), Files.createDirectory(dir.resolve("layout")));
    image = registry.host() + "/berth-private-pull:latest";
    HostCommand.runChecked(
        List.of(
            "skopeo",
            "--insecure-policy",
            "copy",
            "--dest-tls-verify=false",
            "--dest-creds",
            "berth:s3cret",
            layout.transportReference(),
            "docker://" + image),
        Duration.ofSeconds(120));
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    new DockerCli(HOST).run(Duration.ofSeconds(30), "rmi", "-f", image);
    registry.close();
  }

  @Test
  void pull_sendsTheLoginFromDockerConfig_andWithoutOneTheRegistryRefuses() throws Exception {
    Path project = Files.createDirectory(dir.resolve("project"));
    Files.writeString(
        project.resolve("compose.yaml"),
        "name: privpull\nservices:\n  app:\n    image: " + image + "\n");
    Path withLogin = Files.createDirectory(dir.resolve("docker-config"));
    String auth =
        Base64.getEncoder().encodeToString("berth:s3cret".getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        withLogin.resolve("config.json"),
        "{\"auths\": {\"" + registry.host() + "\": {\"auth\": \"" + auth + "\"}}}");
    Path home = Files.createDirectory(dir.resolve("home")); // no .docker/config.json there

    StringWriter anonymousErr = new StringWriter();
    int anonymous = berth(project, Map.of("HOME", home.toString()), anonymousErr);
    StringWriter loginErr = new StringWriter();
    int loggedIn = berth(project, Map.of("DOCKER_CONFIG", withLogin.toString()), loginErr);

    assertThat(anonymous).as(anonymousErr.toString()).isEqualTo(1);
    assertThat(anonymousErr.toString()).contains(image).containsIgnoringCase("auth");
    assertThat(loggedIn).as(loginErr.toString()).isZero();
    assertThat(new DockerCli(HOST).runChecked("image", "inspect", "-f", "{{.Id}}", image).stdout())
        .startsWith("sha256:");
  }

  private static int berth(Path project, Map<String, String> env, StringWriter err) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("PATH", System.getenv("PATH"));
    return BerthMain.run(
        new String[] {"--host", HOST, "pull"},
        new PrintWriter(new StringWriter()),
        new PrintWriter(err),
        HostContext.of(project, all));
  }
}
