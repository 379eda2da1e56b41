package dev.berth.orchestrator.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.FreePort;
import dev.berth.testkit.HostCommand;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code examples/} run as written against a berthd started here: their images
 * built {@code FROM scratch} with the host's busybox, no registry involved.
 */
class ExamplesTest {
  private static LocalBerthd berthd;

  @BeforeAll
  static void startBerthd() throws Exception {
    berthd = LocalBerthd.start();
    berthd.assertIsBerthd();
  }

  @AfterAll
  static void stopBerthd() throws Exception {
    if (berthd != null) {
      berthd.close();
    }
  }

  static Path example(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("examples").resolve(name);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("examples/" + name + " not found above " + Path.of(""));
  }

  @Test
  void quickstart_upWait_servesJsonThroughWebApiAndStore_logsAll_downLeavesNothing(
      @TempDir Path dir) throws Exception {
    LocalBerthd.copyTree(example("quickstart"), dir);
    int port = FreePort.tcp();
    Map<String, String> env = Map.of("WEB_PORT", Integer.toString(port), "PATH", path());
    try {
      long t0 = System.nanoTime();
      LocalBerthd.Run up = berthd.berth(dir, env, "up", "-d", "--wait").orFail();
      long cold = System.nanoTime() - t0;
      assertThat(up.err()).contains("Image berth-quickstart/store  Built").contains("store  | ");

      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("berth quickstart");
      HttpResponse<String> hello =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/cgi-bin/hello"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(hello.statusCode()).as(() -> hello.body() + diagnosis(dir, env)).isEqualTo(200);
      assertThat(hello.body()).contains("\"message\": \"hello from the api\"", "\"visits\": 1");

      String logs = berthd.berth(dir, env, "logs", "--no-color").orFail().out();
      assertThat(logs)
          .contains("store: visit 1 recorded")
          .contains("api: hello number 1")
          .contains("web: passed a hello through");

      t0 = System.nanoTime();
      LocalBerthd.Run again = berthd.berth(dir, env, "up", "-d", "--wait").orFail();
      long warm = System.nanoTime() - t0;
      assertThat(again.err()).as("images present: nothing rebuilt").doesNotContain("Building");
      t0 = System.nanoTime();
      LocalBerthd.Run rebuilt = berthd.berth(dir, env, "up", "-d", "--wait", "--build").orFail();
      long rebuild = System.nanoTime() - t0;
      assertThat(rebuilt.err()).contains("Using cache").doesNotContain("Running in");
      System.out.printf(
          "quickstart: up -d --wait cold (3 builds) %d ms, again %d ms, --build warm %d ms%n",
          cold / 1_000_000, warm / 1_000_000, rebuild / 1_000_000);
    } finally {
      berthd.berth(dir, env, "down", "-v").orFail();
    }
    assertThat(berthd.objectsLabelled("com.docker.compose.project=quickstart")).isEmpty();
  }

  @Test
  void ciExample_runCi_returnsTheTestsExitCode_collectsLogs_andCleansUp(@TempDir Path dir)
      throws Exception {
    LocalBerthd.copyTree(example("ci"), dir);
    HostCommand.Result run = runCi(dir);

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
    assertThat(run.stdout()).contains("tests: all passed").contains("tests exited with 0");
    assertThat(run.stderr())
        .as("the shared app image is built once, its output shown per service")
        .containsOnlyOnce("Image berth-ci-example/app  Building")
        .contains("db  | ");
    String stackLog = Files.readString(dir.resolve("stack.log"));
    assertThat(stackLog).contains("db: created table users").contains("app: listing users");
    assertThat(berthd.objectsLabelled("com.docker.compose.project=ci-example")).isEmpty();
  }

  @Test
  void ciExample_withAFailingTest_returnsNonZero_andStillCleansUp(@TempDir Path dir)
      throws Exception {
    LocalBerthd.copyTree(example("ci"), dir);
    Path tests = dir.resolve("tests/run.sh");
    Files.writeString(
        tests,
        Files.readString(tests)
            .replace("echo \"tests: all passed\"", "fail \"deliberately failing\""));

    HostCommand.Result run = runCi(dir);

    assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isEqualTo(1);
    // run attaches before it starts the one-off, so its last line is there too
    assertThat(run.stdout()).contains("FAIL: deliberately failing").contains("tests exited with 1");
    assertThat(Files.readString(dir.resolve("stack.log"))).contains("app: listing users");
    assertThat(berthd.objectsLabelled("com.docker.compose.project=ci-example")).isEmpty();
  }

  private static HostCommand.Result runCi(Path dir) throws Exception {
    Path launcher = berthd.launcher(Files.createTempDirectory(dir.getParent(), "launcher"));
    return HostCommand.run(
        List.of("env", "BERTH=" + launcher, "sh", dir.resolve("run-ci.sh").toString()),
        Duration.ofMinutes(5));
  }

  /** What helps to see why a request through the services failed. */
  private static String diagnosis(Path dir, Map<String, String> env) {
    StringBuilder sb = new StringBuilder(berthd.berth(dir, env, "logs", "--no-color").out());
    for (String[] cmd :
        List.of(
            new String[] {"cat", "/etc/resolv.conf"},
            new String[] {"nslookup", "store"},
            new String[] {"wget", "-q", "-O", "-", "http://store:8080/cgi-bin/health"})) {
      HostCommand.Result r =
          berthd
              .docker()
              .run(
                  Duration.ofSeconds(30),
                  java.util.stream.Stream.concat(
                          java.util.stream.Stream.of("exec", "quickstart-api-1"),
                          java.util.Arrays.stream(cmd))
                      .toArray(String[]::new));
      sb.append("\n$ ").append(String.join(" ", cmd)).append(" (in api)\n");
      sb.append(r.stdout()).append(r.stderr());
    }
    HostCommand.Result routes = HostCommand.run(List.of("ip", "route"), Duration.ofSeconds(10));
    sb.append("\n$ ip route\n").append(routes.stdout());
    return sb.toString();
  }

  private static String path() {
    return System.getenv("PATH");
  }
}
