package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Recreation keeps anonymous volumes unless {@code -V}; {@code --no-deps} starts only what is
 * named.
 */
class RecreateTest {
  private static final String CACHE =
      """
      services:
        app:
          image: ${IMAGE}
          command: ["sh", "-c", "exec sleep 600"]
          environment:
            GENERATION: ${GEN}
          volumes:
            - /cache
      """;

  @Test
  void recreate_carriesAnonymousVolumesOver_andRenewAnonVolumesDoesNot() {
    try (ComposeProject p = ComposeProject.create(CACHE)) {
      String c = p.name() + "-app-1";
      p.env("GEN", "1").berth("up", "-d").orFail();
      p.docker("exec", c, "sh", "-c", "echo kept > /cache/state");

      ComposeRun second = p.env("GEN", "2").berth("up", "-d").orFail();
      assertThat(second.err()).contains("Container " + c + "  Recreate");
      assertThat(p.docker("exec", c, "cat", "/cache/state")).isEqualTo("kept\n");

      p.env("GEN", "3").berth("up", "-d", "-V").orFail();
      assertThat(
              TestEngine.docker()
                  .run(java.time.Duration.ofSeconds(10), "exec", c, "cat", "/cache/state")
                  .exitCode())
          .isNotZero();
    }
  }

  @Test
  void noDeps_startsOnlyTheNamedService() {
    String yaml =
        """
        services:
          db:
            image: ${IMAGE}
            command: ["sh", "-c", "exec sleep 600"]
          app:
            image: ${IMAGE}
            command: ["sh", "-c", "exec sleep 600"]
            depends_on: [db]
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      p.berth("up", "-d", "--no-deps", "app").orFail();
      assertThat(
              ComposeProject.lines(
                  p.docker(
                      "ps",
                      "-a",
                      "--format",
                      "{{.Names}}",
                      "--filter",
                      "label=com.docker.compose.project=" + p.name())))
          .containsExactly(p.name() + "-app-1");
    }
  }

  @Test
  void dependsOnRestart_restartsTheDependent_whenItsDependencyIsReplacedOrRestarted() {
    String yaml =
        """
        services:
          db:
            image: ${IMAGE}
            command: ["sh", "-c", "exec sleep 600"]
            environment:
              GENERATION: ${GEN}
          app:
            image: ${IMAGE}
            command: ["sh", "-c", "exec sleep 600"]
            depends_on:
              db:
                condition: service_started
                restart: true
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      p.env("GEN", "1").berth("up", "-d").orFail();
      ComposeRun second = p.env("GEN", "2").berth("up", "-d", "-t", "0").orFail();
      assertThat(second.err())
          .contains("Container " + p.name() + "-db-1  Recreate")
          .contains("Container " + p.name() + "-app-1  Restarting");
      ComposeRun restart = p.berth("restart", "-t", "0", "db").orFail();
      assertThat(restart.err()).contains("Container " + p.name() + "-app-1  Restarting");
    }
  }
}
