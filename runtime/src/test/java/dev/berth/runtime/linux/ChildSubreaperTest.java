package dev.berth.runtime.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.linux.WaitStatus.State;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Subreaping and waitpid on real orphans of this JVM; puts the subreaper flag back as it found it
 * (an engine opened earlier in this JVM sets it: {@link AdoptedOrphans}).
 */
class ChildSubreaperTest {
  private int orphan;
  private boolean wasSet;

  @BeforeEach
  void becomeSubreaper() throws LinuxException {
    wasSet = ChildSubreaper.isSet();
    ChildSubreaper.set(true);
  }

  @AfterEach
  void stopBeingSubreaper() throws LinuxException {
    try {
      if (orphan > 0 && Processes.exists(orphan)) {
        Processes.kill(orphan, Signals.SIGKILL);
        Processes.waitFor(orphan);
      }
    } finally {
      ChildSubreaper.set(wasSet);
    }
  }

  @Test
  void isSet_reportsWhatSetMade() throws LinuxException {
    assertThat(ChildSubreaper.isSet()).isTrue();
    ChildSubreaper.set(false);
    assertThat(ChildSubreaper.isSet()).isFalse();
  }

  @Test
  void waitpid_ofOrphanedGrandchild_reapsItWithExitCode0() throws Exception {
    orphan = spawnOrphan("sleep 0.3");

    assertThat(parentOf(orphan)).isEqualTo(Processes.getpid());
    WaitStatus status = Processes.waitFor(orphan);

    assertThat(status).isEqualTo(new WaitStatus(orphan, State.EXITED, 0, false));
    orphan = 0;
  }

  @Test
  void waitpid_ofOrphanExitingWith7_reportsCode7() throws Exception {
    orphan = spawnOrphan("sh -c 'sleep 0.1; exit 7'");

    assertThat(Processes.waitFor(orphan).value()).isEqualTo(7);
    orphan = 0;
  }

  @Test
  void waitpid_withWnohang_isEmptyWhileRunningThenReportsTheKillingSignal() throws Exception {
    orphan = spawnOrphan("sleep 30");

    assertThat(Processes.waitpid(orphan, Processes.WNOHANG)).isEmpty();
    Processes.kill(orphan, Signals.SIGKILL);
    WaitStatus status = Processes.waitFor(orphan);

    assertThat(status.state()).isEqualTo(State.KILLED);
    assertThat(status.value()).isEqualTo(Signals.SIGKILL);
    assertThat(status.shellExitCode()).isEqualTo(137);
    orphan = 0;
  }

  @Test
  void waitpid_withWuntracedAndWcontinued_reportsStopAndContinue() throws Exception {
    orphan = spawnOrphan("sleep 30");

    Processes.kill(orphan, Signals.SIGSTOP);
    WaitStatus stopped = Processes.waitpid(orphan, Processes.WUNTRACED).orElseThrow();
    Processes.kill(orphan, Signals.SIGCONT);
    WaitStatus continued = Processes.waitpid(orphan, Processes.WCONTINUED).orElseThrow();

    assertThat(stopped).isEqualTo(new WaitStatus(orphan, State.STOPPED, Signals.SIGSTOP, false));
    assertThat(continued.state()).isEqualTo(State.CONTINUED);
  }

  /** Runs {@code command} in the background of a shell that exits at once, orphaning it. */
  private static int spawnOrphan(String command) throws IOException, InterruptedException {
    Process shell =
        new ProcessBuilder("sh", "-c", command + " </dev/null >/dev/null 2>&1 & echo $!").start();
    String pid = new String(shell.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(shell.waitFor()).isZero();
    return Integer.parseInt(pid.trim());
  }

  private static int parentOf(int pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String afterName = stat.substring(stat.lastIndexOf(')') + 2);
    return Integer.parseInt(afterName.split(" ")[1]);
  }
}
