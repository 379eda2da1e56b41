package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code up --wait} fails fast and says why: the failing service's logs and probe output. */
class WaitTest {

  @Test
  void upWait_onAnUnhealthyService_failsWithItsLastLogsAndProbeOutput() {
    String yaml =
        """
        services:
          sick:
            image: ${IMAGE}
            command: ["sh", "-c", "echo starting sick; echo cannot open database; exec sleep 600"]
            healthcheck:
              test: ["CMD-SHELL", "echo probe says no; exit 1"]
              interval: 200ms
              retries: 2
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      ComposeRun up = p.berth("up", "-d", "--wait", "--wait-timeout", "60");
      assertThat(up.exitCode()).isEqualTo(1);
      assertThat(up.err())
          .contains("container " + p.name() + "-sick-1 is unhealthy")
          .contains("probe says no")
          .contains("cannot open database");
    }
  }

  @Test
  void upWait_onAServiceThatExitsNonZero_failsWithItsExitCodeAndLogs() {
    String yaml =
        """
        services:
          crash:
            image: ${IMAGE}
            command: ["sh", "-c", "echo config missing; exit 7"]
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      ComposeRun up = p.berth("up", "-d", "--wait");
      assertThat(up.exitCode()).as(up.err()).isEqualTo(1);
      assertThat(up.err()).contains(p.name() + "-crash-1 exited (7)").contains("config missing");
    }
  }

  @Test
  void dependencyFailing_itsHealthcheck_stopsTheDependentFromStarting() {
    String yaml =
        """
        services:
          db:
            image: ${IMAGE}
            command: ["sh", "-c", "exec sleep 600"]
            healthcheck:
              test: ["CMD-SHELL", "exit 1"]
              interval: 200ms
              retries: 2
          app:
            image: ${IMAGE}
            command: ["sh", "-c", "exec sleep 600"]
            depends_on:
              db:
                condition: service_healthy
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      ComposeRun up = p.berth("up", "-d");
      assertThat(up.exitCode()).isEqualTo(1);
      assertThat(up.err()).contains(p.name() + "-db-1 is unhealthy");
      assertThat(
              p.docker(
                  "ps", "-a", "--format", "{{.Names}}", "--filter", "name=" + p.name() + "-app-1"))
          .isBlank();
    }
  }
}
