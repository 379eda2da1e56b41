package dev.berth.runtime.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.ErrorKind;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** pid, tid, kill and waitpid errors against real processes. */
class ProcessesTest {

  @Test
  void getpid_isThisJvmsPid() {
    assertThat((long) Processes.getpid()).isEqualTo(ProcessHandle.current().pid());
  }

  @Test
  void gettid_differsBetweenThreadsAndNamesATaskOfThisProcess() throws Exception {
    AtomicInteger other = new AtomicInteger();
    Thread thread = new Thread(() -> other.set(Processes.gettid()));
    thread.start();
    thread.join();
    int mine = Processes.gettid();

    assertThat(other.get()).isPositive().isNotEqualTo(mine);
    assertThat(java.nio.file.Path.of("/proc/self/task/" + mine)).isDirectory();
  }

  @Test
  void kill_ofReapedChild_throwsEsrchNamingPidAndSignal() throws Exception {
    int pid = reapedChildPid();

    assertThatThrownBy(() -> Processes.kill(pid, Signals.SIGTERM))
        .isInstanceOfSatisfying(
            LinuxException.class,
            e -> {
              assertThat(e.errno()).isEqualTo(Errno.ESRCH);
              assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
            })
        .hasMessage("kill(" + pid + ", SIGTERM): ESRCH (No such process)");
  }

  @Test
  void kill_withSigterm_endsAChild() throws Exception {
    Process sleep = new ProcessBuilder("sleep", "30").start();
    try {
      Processes.kill((int) sleep.pid(), Signals.SIGTERM);

      assertThat(sleep.waitFor()).isEqualTo(128 + Signals.SIGTERM);
    } finally {
      sleep.destroyForcibly().waitFor();
    }
  }

  @Test
  void exists_isTrueForThisProcessAndFalseForAReapedChild() throws Exception {
    assertThat(Processes.exists(Processes.getpid())).isTrue();
    assertThat(Processes.exists(reapedChildPid())).isFalse();
  }

  @Test
  void waitpid_ofPidThatIsNotOurChild_throwsEchild() throws Exception {
    int pid = reapedChildPid();

    assertThatThrownBy(() -> Processes.waitpid(pid, Processes.WNOHANG))
        .isInstanceOfSatisfying(
            LinuxException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ECHILD))
        .hasMessage("waitpid(" + pid + ", 1): ECHILD (No child processes)");
  }

  static int reapedChildPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return (int) process.pid();
  }
}
