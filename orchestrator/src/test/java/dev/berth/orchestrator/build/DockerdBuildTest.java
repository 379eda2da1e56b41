package dev.berth.orchestrator.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.orchestrator.cli.BerthMain;
import dev.berth.orchestrator.cli.HostContext;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.DockerdFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same build commands against Debian's dockerd (the classic builder, no BuildKit). */
class DockerdBuildTest {
  private static final String HOST = "unix://" + DockerdFixture.shared().socket();

  private static int berth(Path dir, StringWriter err, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "--host";
    all[1] = HOST;
    System.arraycopy(args, 0, all, 2, args.length);
    return BerthMain.run(
        all,
        new PrintWriter(new StringWriter()),
        new PrintWriter(err),
        HostContext.of(dir, Map.of("PATH", System.getenv("PATH"))));
  }

  @Test
  void build_fromScratch_tagsTheImageOnDockerd(@TempDir Path dir) throws Exception {
    String project = "bd" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Files.writeString(dir.resolve("hello.txt"), "hello\n");
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY hello.txt /\n");
    Files.writeString(
        dir.resolve("compose.yaml"), "name: " + project + "\nservices:\n  app:\n    build: .\n");
    DockerCli docker = new DockerCli(HOST);
    try {
      StringWriter err = new StringWriter();
      assertThat(berth(dir, err, "build")).as(err.toString()).isZero();
      assertThat(err.toString()).contains("app  | Step 2/2 : COPY hello.txt /");
      assertThat(docker.runChecked("image", "ls", "-q", project + "-app").stdout()).isNotBlank();
    } finally {
      docker.run(Duration.ofSeconds(30), "rmi", "-f", project + "-app");
    }
  }

  @Test
  void additionalContexts_onDockerd_failClearlyNamingTheKeyAndBuildKit(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY --from=bb busybox /\n");
    Files.writeString(
        dir.resolve("compose.yaml"),
        "name: bdctx\nservices:\n  app:\n    build:\n      context: .\n"
            + "      additional_contexts: {bb: /bin}\n");
    StringWriter err = new StringWriter();

    int code = berth(dir, err, "build");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains("service \"app\" failed to build")
        .contains("additional_contexts (bb)")
        .contains("BuildKit")
        .doesNotContain("Exception");
  }
}
