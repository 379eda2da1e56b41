package dev.berth.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Digest parsing and hashing. */
class DigestTest {
  @Test
  void sha256_ofEmptyInput_isTheWellKnownValue() {
    assertThat(Digest.sha256(new byte[0]).toString())
        .isEqualTo("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void parse_roundTripsThroughToString() throws Exception {
    Digest d = Digest.sha256("hello".getBytes(StandardCharsets.UTF_8));

    assertThat(Digest.parse(d.toString())).isEqualTo(d);
    assertThat(d.shortHex()).hasSize(12);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sha256",
        "sha256:",
        "sha256:ABCDEF0000000000000000000000000000000000000000000000000000000000",
        "sha256:abc",
        "md5:d41d8cd98f00b204e9800998ecf8427e",
        ":abc"
      })
  void parse_rejectsMalformedDigests_quotingThem(String text) {
    assertThatThrownBy(() -> Digest.parse(text))
        .isInstanceOf(InvalidImageDataException.class)
        .hasMessageStartingWith("invalid digest \"" + text + "\"");
  }
}
