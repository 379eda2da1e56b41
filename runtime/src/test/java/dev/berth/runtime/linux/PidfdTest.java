package dev.berth.runtime.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** pidfd_open and pidfd_send_signal on real children. */
class PidfdTest {

  @Test
  void open_onSleepChild_signalsItAndSeesItExit() throws Exception {
    Process sleep = new ProcessBuilder("sleep", "30").start();
    try (Pidfd pidfd = Pidfd.open((int) sleep.pid())) {
      assertThat(pidfd.awaitExit(Duration.ZERO)).isFalse();

      pidfd.sendSignal(Signals.SIGKILL);

      assertThat(pidfd.awaitExit(Duration.ofSeconds(10))).isTrue();
      assertThat(sleep.waitFor()).isEqualTo(128 + Signals.SIGKILL);
    } finally {
      sleep.destroyForcibly().waitFor();
    }
  }

  @Test
  void open_onPidAbovePidMax_throwsEsrch() throws Exception {
    // not Files.readString: a sysctl file read past its first byte is at EOF, so the JDK's
    // readAllBytes (which reads 1 byte, then the rest) gets only "3" of "32768"
    int unused = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/kernel/pid_max")).get(0));

    assertThatThrownBy(() -> Pidfd.open(unused).close())
        .isInstanceOfSatisfying(
            LinuxException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ESRCH))
        .hasMessage("pidfd_open(" + unused + ", 0): ESRCH (No such process)");
  }

  @Test
  void sendSignal_afterTheProcessWasReaped_throwsEsrch() throws Exception {
    Process sleep = new ProcessBuilder("sleep", "30").start();
    try (Pidfd pidfd = Pidfd.open((int) sleep.pid())) {
      sleep.destroyForcibly().waitFor();

      assertThatThrownBy(() -> pidfd.sendSignal(Signals.SIGTERM))
          .isInstanceOfSatisfying(
              LinuxException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ESRCH))
          .hasMessageStartingWith("pidfd_send_signal(pidfd(" + sleep.pid() + "), SIGTERM");
    } finally {
      sleep.destroyForcibly().waitFor();
    }
  }
}
