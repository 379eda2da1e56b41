package dev.berth.runtime.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.linux.WaitStatus.State;
import org.junit.jupiter.api.Test;

/** Decoding waitpid status words. */
class WaitStatusTest {

  @Test
  void decode_exitCodeInSecondByte_isExited() {
    WaitStatus status = WaitStatus.decode(42, 0x0300);

    assertThat(status).isEqualTo(new WaitStatus(42, State.EXITED, 3, false));
    assertThat(status.shellExitCode()).isEqualTo(3);
    assertThat(status).hasToString("pid 42 exited with code 3");
  }

  @Test
  void decode_signalInLowBits_isKilled() {
    WaitStatus status = WaitStatus.decode(42, Signals.SIGKILL);

    assertThat(status).isEqualTo(new WaitStatus(42, State.KILLED, 9, false));
    assertThat(status.shellExitCode()).isEqualTo(137);
    assertThat(status).hasToString("pid 42 killed by SIGKILL");
  }

  @Test
  void decode_coreFlag_isKilledWithCoreDump() {
    WaitStatus status = WaitStatus.decode(7, 0x80 | Signals.SIGSEGV);

    assertThat(status).isEqualTo(new WaitStatus(7, State.KILLED, Signals.SIGSEGV, true));
  }

  @Test
  void decode_0x7fLowByte_isStoppedBySignal() {
    assertThat(WaitStatus.decode(7, (Signals.SIGSTOP << 8) | 0x7f))
        .isEqualTo(new WaitStatus(7, State.STOPPED, Signals.SIGSTOP, false));
  }

  @Test
  void decode_0xffff_isContinued() {
    assertThat(WaitStatus.decode(7, 0xffff).state()).isEqualTo(State.CONTINUED);
  }
}
