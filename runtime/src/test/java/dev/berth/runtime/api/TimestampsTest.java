package dev.berth.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Docker's since/until formats. */
class TimestampsTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

  @Test
  void parse_unixSecondsWithFraction_keepsNanos() throws Exception {
    assertThat(Timestamps.parse("since", "1700000000.25", NOW))
        .isEqualTo(Instant.ofEpochSecond(1700000000, 250_000_000));
  }

  @Test
  void parse_rfc3339_isThatInstant() throws Exception {
    assertThat(Timestamps.parse("since", "2026-11-27T09:00:00+01:00", NOW))
        .isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
  }

  @Test
  void parse_goDuration_isThatLongBeforeNow() throws Exception {
    assertThat(Timestamps.parse("since", "1h30m", NOW))
        .isEqualTo(Instant.parse("2026-11-27T08:30:00Z"));
  }

  @Test
  void parse_garbage_quotesIt() {
    assertThatThrownBy(() -> Timestamps.parse("until", "soon", NOW))
        .hasMessageContaining("invalid until \"soon\"");
  }
}
