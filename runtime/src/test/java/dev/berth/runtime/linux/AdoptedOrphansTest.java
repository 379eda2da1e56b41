package dev.berth.runtime.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reaping what the kernel re-parents to this JVM, and never a child the JDK waits for. */
class AdoptedOrphansTest {
  private boolean wasSet;

  @BeforeEach
  void adopt() throws LinuxException {
    wasSet = ChildSubreaper.isSet();
    AdoptedOrphans.adopt();
  }

  @AfterEach
  void putBack() throws LinuxException {
    AdoptedOrphans.release();
    ChildSubreaper.set(wasSet);
  }

  @Test
  void reap_reapsAnOrphanThatExited_andOnlyOnceItHas() throws Exception {
    Process shell =
        new ProcessBuilder("sh", "-c", "sleep 0.3 </dev/null >/dev/null 2>&1 & echo $!").start();
    int orphan =
        Integer.parseInt(
            new String(shell.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
    assertThat(shell.waitFor()).isZero();

    assertThat(AdoptedOrphans.reap()).doesNotContain(orphan); // still running
    List<Integer> reaped = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              reaped.addAll(AdoptedOrphans.reap());
              return reaped.contains(orphan);
            });

    assertThat(Files.exists(Path.of("/proc", Integer.toString(orphan)))).isFalse();
  }

  @Test
  void release_ofTheLastAdopter_stopsAdopting() throws LinuxException {
    int others = AdoptedOrphans.holders() - 1; // engines of other tests still open in this JVM
    AdoptedOrphans.adopt(); // a second holder, as two engines in one JVM

    AdoptedOrphans.release();
    assertThat(ChildSubreaper.isSet()).isTrue();
    AdoptedOrphans.release();
    assertThat(ChildSubreaper.isSet()).isEqualTo(others > 0);

    AdoptedOrphans.adopt(); // for putBack's release
  }

  @Test
  void reap_neverTakesTheExitOfAProcessTheJdkStarted() throws Exception {
    AtomicBoolean reaping = new AtomicBoolean(true);
    Thread reaper =
        new Thread(
            () -> {
              while (reaping.get()) {
                AdoptedOrphans.reap();
              }
            });
    reaper.start();
    try {
      for (int i = 0; i < 20; i++) {
        Process child = new ProcessBuilder("sh", "-c", "exit 5").start();
        assertThat(child.waitFor()).isEqualTo(5);
      }
    } finally {
      reaping.set(false);
      reaper.join();
    }
  }
}
