package dev.berth.runtime.image.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.content.DigestMismatchException;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.registry.RegistryException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which failures are tried again, how often, and with what backoff. */
class RetryTest {
  private static final Digest BLOB = Digest.sha256(new byte[] {7});

  @Test
  void retryableFailures_areTriedAgainWithDoublingBackoff_untilSuccess() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<Long> waits = new ArrayList<>();
    PullListener listener =
        new PullListener() {
          @Override
          public void retrying(Digest blob, int attempt, long backoffMillis, String why) {
            waits.add(backoffMillis);
          }
        };

    String result =
        new Retry(4, Duration.ofMillis(10))
            .run(
                BLOB,
                listener,
                () -> {
                  if (calls.incrementAndGet() < 3) {
                    throw new RegistryException(ErrorKind.UNAVAILABLE, "boom", true, null);
                  }
                  return "ok";
                });

    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);
    assertThat(waits).containsExactly(10L, 20L);
  }

  @Test
  void digestMismatch_isRetried_butGivesUpAfterTheLastAttempt() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                new Retry(3, Duration.ofMillis(1))
                    .run(
                        BLOB,
                        PullListener.NONE,
                        () -> {
                          calls.incrementAndGet();
                          throw new DigestMismatchException(BLOB, "short");
                        }))
        .isInstanceOf(DigestMismatchException.class);
    assertThat(calls).hasValue(3);
  }

  @Test
  void answersLike404_areNotRetried() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                new Retry(5, Duration.ofMillis(1))
                    .run(
                        BLOB,
                        PullListener.NONE,
                        () -> {
                          calls.incrementAndGet();
                          throw new EngineException(ErrorKind.NOT_FOUND, "manifest unknown");
                        }))
        .hasMessage("manifest unknown");
    assertThat(calls).hasValue(1);
  }
}
