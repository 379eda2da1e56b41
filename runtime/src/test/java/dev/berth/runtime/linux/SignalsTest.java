package dev.berth.runtime.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Signal names, and which signals a PID namespace's init never gets (root, real processes). */
class SignalsTest {

  @Test
  void number_readsNamesWithAndWithoutSigAndNumbers() {
    assertThat(Signals.number("SIGTERM")).hasValue(15);
    assertThat(Signals.number("term")).hasValue(15);
    assertThat(Signals.number("9")).hasValue(9);
    assertThat(Signals.number("SIGNOPE")).isEqualTo(OptionalInt.empty());
  }

  @Test
  void discardedByNamespaceInit_initWithoutHandler_true() throws Exception {
    Process init = inNewPidNamespace("exec sleep 1000");
    try {
      int pid = namespaceInitPid(init);

      assertThat(Signals.discardedByNamespaceInit(pid, Signals.SIGTERM)).isTrue();
      assertThat(Signals.discardedByNamespaceInit(pid, Signals.SIGKILL)).isFalse();
    } finally {
      init.destroyForcibly().waitFor();
    }
  }

  @Test
  void discardedByNamespaceInit_initWithAHandler_false() throws Exception {
    Process init = inNewPidNamespace("trap 'exit 3' TERM; while true; do sleep 0.1; done");
    try {
      int pid = namespaceInitPid(init);

      // once sh has run its trap, TERM is caught
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !Signals.discardedByNamespaceInit(pid, Signals.SIGTERM));
      assertThat(Signals.discardedByNamespaceInit(pid, Signals.SIGHUP)).isTrue();
    } finally {
      init.destroyForcibly().waitFor();
    }
  }

  @Test
  void discardedByNamespaceInit_initWaitingForSignalsInSigtimedwait_false() throws Exception {
    // tini blocks the signals it forwards and takes them with sigtimedwait: none is caught
    Process init = inNewPidNamespace("exec /usr/bin/tini-static -s -- sleep 1000");
    try {
      int pid = namespaceInitPid(init);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> !Signals.discardedByNamespaceInit(pid, Signals.SIGTERM));
    } finally {
      init.destroyForcibly().waitFor();
    }
  }

  @Test
  void discardedByNamespaceInit_processOutsideANewNamespace_false() throws Exception {
    Process sleep = new ProcessBuilder("sleep", "1000").start();
    try {
      assertThat(Signals.discardedByNamespaceInit((int) sleep.pid(), Signals.SIGTERM)).isFalse();
    } finally {
      sleep.destroyForcibly().waitFor();
    }
  }

  @Test
  void discardedByNamespaceInit_goneProcess_false() {
    assertThat(Signals.discardedByNamespaceInit(Integer.MAX_VALUE, Signals.SIGTERM)).isFalse();
  }

  /**
   * {@code unshare --pid --fork --kill-child}: its child runs {@code script} as PID 1 of a new
   * namespace, and is killed with it (without {@code --kill-child} it outlived the test).
   */
  private static Process inNewPidNamespace(String script) throws Exception {
    return new ProcessBuilder(
            List.of("unshare", "--pid", "--fork", "--kill-child", "sh", "-c", script))
        .redirectErrorStream(true)
        .start();
  }

  private static int namespaceInitPid(Process unshare) {
    long parent = unshare.pid();
    return await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                ProcessHandle.of(parent).stream()
                    .flatMap(ProcessHandle::children)
                    .mapToInt(child -> (int) child.pid())
                    .findFirst()
                    .orElse(0),
            pid -> pid > 0 && nsPidIsOne(pid));
  }

  private static boolean nsPidIsOne(int pid) {
    try {
      return Files.readString(Path.of("/proc/" + pid + "/status"))
          .lines()
          .anyMatch(line -> line.matches("NSpid:\\s+\\d+\\s+1"));
    } catch (java.io.IOException gone) {
      return false;
    }
  }
}
