package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.orchestrator.cli.BerthMain;
import dev.berth.orchestrator.cli.HostContext;
import dev.berth.runtime.registry.LocalRegistry;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.OciLayout;
import dev.berth.testkit.TestImages;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that needs a login: the engine (dockerd, or a berthd without that login in its own
 * config.json) gets the image only when berth sends the caller's login, with a pull as
 * X-Registry-Auth and with a build (a private base image) as X-Registry-Config, as the docker CLI
 * does.
 */
class PrivateRegistryTest {
  private static final String HOST = "unix://" + TestEngine.socket();
  @TempDir static Path dir;
  private static LocalRegistry registry;
  private static String image;

  /** A DOCKER_CONFIG directory whose config.json has the registry's login. */
  private static Path withLogin;

  /** A HOME without any Docker config. */
  private static Path home;

  @BeforeAll
  static void startRegistry() throws Exception {
    registry = LocalRegistry.withLogin(dir.resolve("registry"));
    OciLayout layout =
        TestImages.build(TestImages.busybox(), Files.createDirectory(dir.resolve("layout")));
    registry.push(layout, "berth-private:latest");
    image = registry.host() + "/berth-private:latest";
    withLogin = Files.createDirectory(dir.resolve("docker-config"));
    String auth =
        Base64.getEncoder()
            .encodeToString(
                (LocalRegistry.USER + ":" + LocalRegistry.PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        withLogin.resolve("config.json"),
        "{\"auths\": {\"" + registry.host() + "\": {\"auth\": \"" + auth + "\"}}}");
    home = Files.createDirectory(dir.resolve("home")); // no .docker/config.json there
  }

  @AfterAll
  static void stopRegistry() throws Exception {
    new DockerCli(HOST).run(Duration.ofSeconds(30), "rmi", "-f", image, "berth-private-built");
    registry.close();
  }

  @Test
  void pull_sendsTheLoginFromDockerConfig_andWithoutOneTheRegistryRefuses() throws Exception {
    Path project = Files.createDirectory(dir.resolve("project"));
    Files.writeString(
        project.resolve("compose.yaml"),
        "name: privpull\nservices:\n  app:\n    image: " + image + "\n");

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

  @Test
  void build_fromAPrivateBaseImage_sendsTheLoginsFromDockerConfig() throws Exception {
    Path project = Files.createDirectory(dir.resolve("built"));
    Files.writeString(project.resolve("Dockerfile"), "FROM " + image + "\nLABEL built=by-berth\n");
    Files.writeString(
        project.resolve("compose.yaml"),
        "name: privbuild\nservices:\n  app:\n    build: .\n    image: berth-private-built\n");
    new DockerCli(HOST).run(Duration.ofSeconds(30), "rmi", "-f", image); // FROM must pull

    StringWriter anonymousErr = new StringWriter();
    int anonymous = berth(project, Map.of("HOME", home.toString()), anonymousErr, "build");
    StringWriter loginErr = new StringWriter();
    int loggedIn = berth(project, Map.of("DOCKER_CONFIG", withLogin.toString()), loginErr, "build");

    assertThat(anonymous).as(anonymousErr.toString()).isEqualTo(1);
    assertThat(anonymousErr.toString()).containsIgnoringCase("auth");
    assertThat(loggedIn).as(loginErr.toString()).isZero();
    assertThat(
            new DockerCli(HOST)
                .runChecked("image", "inspect", "-f", "{{.Id}}", "berth-private-built")
                .stdout())
        .startsWith("sha256:");
  }

  private static int berth(Path project, Map<String, String> env, StringWriter err) {
    return berth(project, env, err, "pull");
  }

  private static int berth(
      Path project, Map<String, String> env, StringWriter err, String command) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("PATH", System.getenv("PATH"));
    return BerthMain.run(
        new String[] {"--host", HOST, command},
        new PrintWriter(new StringWriter()),
        new PrintWriter(err),
        HostContext.of(project, all));
  }
}
