package dev.berth.runtime.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Testcontainers for Java 2.0.5 against each engine: {@code DOCKER_HOST=unix://<socket>}, Ryuk off
 * (its image is on Docker Hub), start-up checks off (they run {@code alpine}), and a home directory
 * of its own so no {@code ~/.testcontainers.properties} is read or written, and the engine's host
 * given as {@code localhost}. The scenario runs in a child JVM ({@link TestcontainersScenario}):
 * Testcontainers keeps one engine per JVM.
 */
class TestcontainersScenarioTest {

  @TempDir Path temp;

  @ParameterizedTest(name = "{0}")
  @ArgumentsSource(ClientEngines.class)
  void genericContainer_waitsForLogAndPort_servesHttp_andIsRemoved(EngineKind kind)
      throws Exception {
    String image = ScenarioImages.busybox();
    try (ClientEngine engine =
        kind.open(
            temp,
            "TestcontainersScenarioTest.genericContainer_waitsForLogAndPort_servesHttp_andIsRemoved")) {
      ScenarioRun run = runScenario(engine, image);

      assertThat(run.exitCode()).as(run.output()).isZero();
      Map<String, String> seen = run.values();
      assertThat(seen.get("id")).as(run.output()).matches("[0-9a-f]{64}");
      assertThat(seen).containsEntry("running", "true");
      assertThat(seen.get("logs")).contains(TestcontainersScenario.READY);
      assertThat(seen).containsEntry("status", "200");
      assertThat(seen).containsEntry("body", "root:x:0:0:root:/root:/bin/sh");
      assertThat(seen).containsEntry("gone", "true");
      assertThat(
              engine
                  .docker()
                  .runChecked("ps", "-a", "-q", "--filter", "id=" + seen.get("id"))
                  .out())
          .isEmpty();
      assertThat(
              engine
                  .docker()
                  .runChecked(
                      "ps",
                      "-a",
                      "-q",
                      "--filter",
                      "label=dev.berth.test.clients=testcontainers",
                      "--filter",
                      "id=" + seen.get("id"))
                  .out())
          .isEmpty();
    }
  }

  /** What the child JVM printed and returned. */
  private record ScenarioRun(int exitCode, String output) {
    Map<String, String> values() {
      Map<String, String> values = new LinkedHashMap<>();
      output
          .lines()
          .filter(l -> l.matches("[a-z]+=.*"))
          .forEach(
              l -> values.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
      return values;
    }
  }

  private ScenarioRun runScenario(ClientEngine engine, String image) throws Exception {
    Path home = Files.createDirectories(temp.resolve("home"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Duser.home=" + home);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TestcontainersScenario.class.getName());
    command.add(image);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("DOCKER_") || k.startsWith("TESTCONTAINERS_"));
    builder.environment().putAll(engine.env());
    builder.environment().put("TESTCONTAINERS_RYUK_DISABLED", "true");
    builder.environment().put("TESTCONTAINERS_CHECKS_DISABLE", "true");
    builder.environment().put("HOME", home.toString());
    // This machine has a /.dockerenv, so Testcontainers believes it runs inside a container and
    // would find the engine's address with an alpine container: the engine runs right here.
    builder.environment().put("TESTCONTAINERS_HOST_OVERRIDE", "localhost");
    Path stdout = temp.resolve("scenario.out");
    Path stderr = temp.resolve("scenario.err");
    Process process =
        builder
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError(
          "the Testcontainers scenario did not finish within 3 minutes: "
              + Files.readString(stderr, StandardCharsets.UTF_8));
    }
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    return new ScenarioRun(process.exitValue(), out + (process.exitValue() == 0 ? "" : "\n" + err));
  }
}
