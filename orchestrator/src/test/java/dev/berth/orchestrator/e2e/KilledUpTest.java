package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.orchestrator.cli.BerthMain;
import dev.berth.testkit.RegistryFixture;
import dev.berth.testkit.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's CI job killed mid-way: {@code berth up} SIGKILLed while it waits on a slow healthcheck
 * in a chain, then {@code berth down -v} removes every container, network and volume of the
 * project. {@code berth up} runs as a process of its own so that it can be killed.
 */
class KilledUpTest {

  private static final String SLOW_CHAIN =
      """
      services:
        first:
          image: ${IMAGE}
          command: ["sh", "-c", "sleep 20; touch /tmp/ready; exec sleep 600"]
          healthcheck:
            test: ["CMD-SHELL", "test -f /tmp/ready"]
            interval: 500ms
            retries: 100
          volumes:
            - state:/state
        second:
          image: ${IMAGE}
          command: ["sh", "-c", "exec sleep 600"]
          depends_on:
            first:
              condition: service_healthy
        third:
          image: ${IMAGE}
          command: ["sh", "-c", "exec sleep 600"]
          depends_on:
            second:
              condition: service_started
      volumes:
        state:
      """;

  @Test
  void downAfterUpWasSigkilledWhileStarting_removesEverythingOfTheProject() throws Exception {
    try (ComposeProject p = ComposeProject.create(SLOW_CHAIN)) {
      Process up = startBerth(p, "up", "-d");
      try {
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> !containerId(p, "first").isEmpty());
        assertThat(up.isAlive()).as("berth up still waits for the healthcheck").isTrue();
      } finally {
        up.destroyForcibly(); // SIGKILL: no shutdown hook, no clean-up of its own
        assertThat(up.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(up.exitValue()).isEqualTo(137);
      assertThat(p.leftovers()).as("what the killed up left").isNotEmpty();

      p.berth("down", "-v", "-t", "1").orFail();

      p.assertNothingLeft();
    }
  }

  private static String containerId(ComposeProject p, String service) {
    return p.docker(
            "ps",
            "-a",
            "-q",
            "--filter",
            "label=com.docker.compose.project=" + p.name(),
            "--filter",
            "label=com.docker.compose.service=" + service)
        .strip();
  }

  /** {@code berth --host ENGINE -p NAME ARGS} as a separate JVM in the project directory. */
  private static Process startBerth(ComposeProject p, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BerthMain.class.getName());
    command.addAll(List.of("--host", "unix://" + TestEngine.socket(), "-p", p.name()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(p.dir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(p.dir().resolve("berth-up.log").toFile());
    builder
        .environment()
        .put("IMAGE", TestImages.pushStandard(RegistryFixture.shared()).busybox().reference());
    return builder.start();
  }
}
