package dev.berth.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Docker API versions. */
class ApiVersionTest {
  @Test
  void parse_comparesNumericallyNotAsText() {
    assertThat(ApiVersion.parse("1.9")).isLessThan(ApiVersion.parse("1.10"));
    assertThat(ApiVersion.parse("1.44")).hasToString("1.44");
  }

  @Test
  void isSupported_from124To144() {
    assertThat(ApiVersion.parse("1.24").isSupported()).isTrue();
    assertThat(ApiVersion.parse("1.44").isSupported()).isTrue();
    assertThat(ApiVersion.parse("1.23").isSupported()).isFalse();
    assertThat(ApiVersion.parse("1.45").isSupported()).isFalse();
  }

  @Test
  void parse_garbage_quotesIt() {
    assertThatThrownBy(() -> ApiVersion.parse("v1")).hasMessage("invalid API version \"v1\"");
  }
}
