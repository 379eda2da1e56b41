package dev.berth.orchestrator.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

  @ParameterizedTest
  @CsvSource({"1m30s,1m30s", "90s,1m30s", "500ms,500ms", "1h,1h0m0s", "0,0s", "1.5s,1.5s"})
  void duration_roundTripsInGoForm(String in, String out) {
    assertThat(Units.formatDuration(Units.parseDuration(in))).isEqualTo(out);
  }

  @ParameterizedTest
  @CsvSource({"1g,1073741824", "640kb,655360", "512M,536870912", "100,100", "1.5k,1536"})
  void parseBytes_uses1024Multiples(String in, long bytes) {
    assertThat(Units.parseBytes(in)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @CsvSource({"5x", "abc", "''"})
  void parseDuration_rejectsJunk(String in) {
    assertThatThrownBy(() -> Units.parseDuration(in)).isInstanceOf(IllegalArgumentException.class);
  }
}
