package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** create, start, stop, restart, kill, rm, pause, unpause, pull, images, port, top, ls, wait. */
class LifecycleCommandsTest {

  private static final String TWO_SERVICES =
      """
      services:
        api:
          image: ${IMAGE}
          command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait"]
          ports:
            - "127.0.0.1::8080"
        job:
          image: ${IMAGE}
          command: ["sh", "-c", "sleep 1; exit 6"]
      """;

  private static String state(ComposeProject p, String service) {
    return p.docker("inspect", "-f", "{{.State.Status}}", p.name() + "-" + service + "-1").strip();
  }

  @Test
  void createStartStopRestart_moveTheContainersThroughTheirStates() {
    try (ComposeProject p = ComposeProject.create(TWO_SERVICES)) {
      p.berth("create").orFail();
      assertThat(state(p, "api")).isEqualTo("created");
      p.berth("start", "api").orFail();
      assertThat(state(p, "api")).isEqualTo("running");
      p.berth("stop", "-t", "2").orFail();
      assertThat(state(p, "api")).isEqualTo("exited");
      p.berth("restart", "api").orFail();
      assertThat(state(p, "api")).isEqualTo("running");
    }
  }

  @Test
  void pauseUnpauseKillRm_actOnRunningContainers() {
    try (ComposeProject p = ComposeProject.create(TWO_SERVICES)) {
      p.berth("up", "-d", "api").orFail();
      p.berth("pause", "api").orFail();
      assertThat(state(p, "api")).isEqualTo("paused");
      p.berth("unpause").orFail();
      assertThat(state(p, "api")).isEqualTo("running");
      p.berth("kill", "-s", "SIGKILL", "api").orFail();
      assertThat(p.docker("inspect", "-f", "{{.State.ExitCode}}", p.name() + "-api-1").strip())
          .isEqualTo("137");
      ComposeRun rm = p.berth("rm", "-f").orFail();
      assertThat(rm.err()).contains("Container " + p.name() + "-api-1  Removed");
      assertThat(p.leftovers()).noneMatch(l -> l.startsWith("container"));
    }
  }

  @Test
  void port_printsTheEphemeralHostPort_andTopImagesLsDescribeTheProject() {
    try (ComposeProject p = ComposeProject.create(TWO_SERVICES)) {
      p.berth("up", "-d", "api").orFail();
      String port = p.berth("port", "api", "8080").orFail().out().strip();
      assertThat(port).matches("127\\.0\\.0\\.1:\\d+");
      assertThat(p.docker("port", p.name() + "-api-1", "8080/tcp")).contains(port);

      assertThat(p.berth("top", "api").orFail().out())
          .contains(p.name() + "-api-1")
          .contains("sleep 600");
      assertThat(p.berth("images").orFail().out())
          .contains("CONTAINER", "REPOSITORY", "TAG", "IMAGE ID", "SIZE")
          .contains(p.name() + "-api-1")
          .contains("/busybox");
      assertThat(p.berth("ls").orFail().out()).contains(p.name()).contains("running(1)");
      assertThat(p.berth("port", "api", "9999").exitCode()).isEqualTo(1);
    }
  }

  @Test
  void wait_returnsTheExitCodeOfTheServicesContainer() {
    try (ComposeProject p = ComposeProject.create(TWO_SERVICES)) {
      p.berth("up", "-d", "job").orFail();
      ComposeRun wait = p.berth("wait", "job");
      assertThat(wait.exitCode()).isEqualTo(6);
      assertThat(wait.out()).contains(p.name() + "-job-1 exited with code 6");
    }
  }

  @Test
  void pull_fetchesTheServicesImages() {
    try (ComposeProject p = ComposeProject.create(TWO_SERVICES)) {
      ComposeRun pull = p.berth("pull", "api").orFail();
      assertThat(pull.err()).contains("Pulled");
    }
  }

  @Test
  void up_withAnUnknownService_namesIt() {
    try (ComposeProject p = ComposeProject.create(TWO_SERVICES)) {
      ComposeRun up = p.berth("up", "-d", "nope");
      assertThat(up.exitCode()).isEqualTo(1);
      assertThat(up.err()).contains("no such service: nope");
    }
  }
}
