package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostCommandTest {

  @Test
  void run_capturesExitCodeStdoutAndStderr() {
    HostCommand.Result result =
        HostCommand.run(
            List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(5));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEqualTo("out\n");
    assertThat(result.stderr()).isEqualTo("err\n");
  }

  @Test
  void orThrow_namesTheCommandItsExitCodeAndStderr() {
    HostCommand.Result result =
        HostCommand.run(List.of("sh", "-c", "echo broken >&2; exit 2"), Duration.ofSeconds(5));

    assertThatThrownBy(result::orThrow)
        .hasMessageContaining("sh -c echo broken >&2; exit 2")
        .hasMessageContaining("exited 2")
        .hasMessageContaining("broken");
  }

  @Test
  void run_killsACommandThatOutlivesItsTimeoutAndSaysWhich() {
    assertThatThrownBy(() -> HostCommand.run(List.of("sleep", "30"), Duration.ofMillis(200)))
        .hasMessageContaining("sleep 30 did not finish within PT0.2S");
  }
}
