package dev.berth.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
  private static final Duration SHORT = Duration.ofSeconds(1);

  private static RestartBackoff.Decision decide(String policy, int code, int count, Duration prev)
      throws EngineException {
    return RestartBackoff.decide(RestartPolicy.parse(policy), code, false, count, prev, SHORT);
  }

  @Test
  void parse_readsDockersSpellings() throws Exception {
    assertThat(RestartPolicy.parse("on-failure:5"))
        .isEqualTo(new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 5));
    assertThat(RestartPolicy.parse("unless-stopped").mode())
        .isEqualTo(RestartPolicy.Mode.UNLESS_STOPPED);
    assertThat(RestartPolicy.parse(null)).isEqualTo(RestartPolicy.NO);
    assertThatThrownBy(() -> RestartPolicy.parse("on-failure:x"))
        .hasMessage("invalid restart policy \"on-failure:x\"");
  }

  @Test
  void decide_no_neverRestarts() throws Exception {
    assertThat(decide("no", 1, 0, Duration.ZERO).restart()).isFalse();
  }

  @Test
  void decide_onFailure_restartsOnlyNonZeroExitsUpToTheLimit() throws Exception {
    assertThat(decide("on-failure:2", 0, 0, Duration.ZERO).restart()).isFalse();
    assertThat(decide("on-failure:2", 1, 1, Duration.ZERO).restart()).isTrue();
    assertThat(decide("on-failure:2", 1, 2, Duration.ZERO).restart()).isFalse();
    assertThat(decide("on-failure", 1, 1000, Duration.ZERO).restart()).isTrue();
  }

  @Test
  void decide_always_restartsEvenCleanExitsButNotAfterAManualStop() throws Exception {
    assertThat(decide("always", 0, 3, Duration.ZERO).restart()).isTrue();
    assertThat(
            RestartBackoff.decide(RestartPolicy.parse("always"), 0, true, 0, Duration.ZERO, SHORT)
                .restart())
        .isFalse();
  }

  @Test
  void decide_backoffStartsAt100msDoublesAndCapsAtOneMinute() throws Exception {
    assertThat(decide("always", 1, 0, Duration.ZERO).delay()).isEqualTo(Duration.ofMillis(100));
    assertThat(decide("always", 1, 1, Duration.ofMillis(100)).delay())
        .isEqualTo(Duration.ofMillis(200));
    assertThat(decide("always", 1, 9, Duration.ofSeconds(40)).delay())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void decide_aRunOfTenSecondsResetsTheBackoff() throws Exception {
    RestartBackoff.Decision decision =
        RestartBackoff.decide(
            RestartPolicy.parse("always"),
            1,
            false,
            5,
            Duration.ofSeconds(30),
            Duration.ofSeconds(10));

    assertThat(decision.delay()).isEqualTo(Duration.ofMillis(100));
  }
}
