package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnedProcessTest {

  @TempDir Path temp;

  @Test
  void failIfDead_quotesTheTailOfTheLog() {
    OwnedProcess process =
        OwnedProcess.start(List.of("sh", "-c", "echo bind: address in use; exit 1"), log());
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !process.isAlive());

    assertThatThrownBy(() -> process.failIfDead("answering"))
        .hasMessageContaining("exited 1 before answering")
        .hasMessageContaining("bind: address in use");
  }

  @Test
  void stop_killsAProcessIgnoringSigtermAndTheChildrenItLeft() throws Exception {
    OwnedProcess process =
        OwnedProcess.start(List.of("sh", "-c", "trap '' TERM; sleep 60 & wait; wait"), log());
    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.of(process.pid()).orElseThrow().children().count() == 1);
    ProcessHandle child =
        ProcessHandle.of(process.pid()).orElseThrow().children().findFirst().orElseThrow();

    process.stop(Duration.ofMillis(300));

    assertThat(process.isAlive()).isFalse();
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !child.isAlive());
  }

  private Path log() {
    return temp.resolve("process.log");
  }
}
