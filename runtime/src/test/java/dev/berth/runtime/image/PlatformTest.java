package dev.berth.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Platform parsing, aliases and matching. */
class PlatformTest {
  @ParameterizedTest
  @CsvSource({
    "linux/amd64, linux/amd64",
    "linux/x86_64, linux/amd64",
    "linux/aarch64, linux/arm64",
    "linux/arm64/v8, linux/arm64",
    "linux/arm/v7, linux/arm/v7",
    "linux/armhf, linux/arm/v7",
  })
  void parse_normalizesArchitectureAliases(String input, String expected) throws Exception {
    assertThat(Platform.parse(input).toString()).isEqualTo(expected);
  }

  @Test
  void parse_rejectsOsWithoutArchitecture() {
    assertThatThrownBy(() -> Platform.parse("linux"))
        .isInstanceOf(InvalidImageDataException.class)
        .hasMessageContaining("\"linux\"");
  }

  @Test
  void host_onThisLinuxMachine_isLinuxAmd64() {
    assertThat(Platform.host().toString())
        .isEqualTo(
            "linux/" + ("aarch64".equals(System.getProperty("os.arch")) ? "arm64" : "amd64"));
  }

  @Test
  void accepts_ignoresVariantWhenEitherSideLacksIt() throws Exception {
    assertThat(Platform.parse("linux/arm").accepts(Platform.parse("linux/arm/v7"))).isTrue();
    assertThat(Platform.parse("linux/arm/v6").accepts(Platform.parse("linux/arm/v7"))).isFalse();
    assertThat(Platform.parse("linux/amd64").accepts(Platform.parse("linux/arm64"))).isFalse();
    assertThat(Platform.parse("linux/amd64").accepts(Platform.parse("windows/amd64"))).isFalse();
  }
}
