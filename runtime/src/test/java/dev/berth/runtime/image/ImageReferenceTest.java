package dev.berth.runtime.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.ErrorKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** References normalized and rejected as Docker's grammar says. */
class ImageReferenceTest {
  private static final String HEX = "a".repeat(64);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "redis, docker.io/library/redis:latest",
    "redis:7, docker.io/library/redis:7",
    "library/redis, docker.io/library/redis:latest",
    "bitnami/redis:7.2, docker.io/bitnami/redis:7.2",
    "docker.io/library/redis:7, docker.io/library/redis:7",
    "docker.io/redis, docker.io/library/redis:latest",
    "index.docker.io/library/redis, docker.io/library/redis:latest",
    "localhost/x, localhost/x:latest",
    "localhost:5000/x, localhost:5000/x:latest",
    "127.0.0.1:5000/a/b/c:v1.0-rc_1, 127.0.0.1:5000/a/b/c:v1.0-rc_1",
    "ghcr.io/o/r:1, ghcr.io/o/r:1",
    "my-registry.example.com:443/team/app__x.y, my-registry.example.com:443/team/app__x.y:latest",
    "Registry.Example.com/a, Registry.Example.com/a:latest",
  })
  void parse_normalizesLikeDocker(String input, String expected) throws Exception {
    assertThat(ImageReference.parse(input).toString()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "redis, redis:latest",
    "docker.io/library/redis:7, redis:7",
    "docker.io/bitnami/redis, bitnami/redis:latest",
    "localhost:5000/x, localhost:5000/x:latest",
  })
  void familiar_isTheShortFormDockerPrints(String input, String expected) throws Exception {
    assertThat(ImageReference.parse(input).familiar()).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void parse_digestReference_hasNoDefaultTag() throws Exception {
    ImageReference ref = ImageReference.parse("ghcr.io/o/r@sha256:" + HEX);

    assertThat(ref.registry()).isEqualTo("ghcr.io");
    assertThat(ref.repository()).isEqualTo("o/r");
    assertThat(ref.tag()).isNull();
    assertThat(ref.digest()).isEqualTo(new Digest("sha256", HEX));
    assertThat(ref.manifestReference()).isEqualTo("sha256:" + HEX);
  }

  @org.junit.jupiter.api.Test
  void parse_tagAndDigest_keepsBothAndAsksForTheDigest() throws Exception {
    ImageReference ref = ImageReference.parse("localhost:5000/x:1@sha256:" + HEX);

    assertThat(ref.tag()).isEqualTo("1");
    assertThat(ref.manifestReference()).isEqualTo("sha256:" + HEX);
    assertThat(ref.toString()).isEqualTo("localhost:5000/x:1@sha256:" + HEX);
  }

  @ParameterizedTest(name = "\"{0}\" rejected: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "'' | empty",
        "Redis | must be lowercase",
        "docker.io/Library/redis | must be lowercase",
        "redis:7:8 | invalid characters",
        "redis:-bad | tag \"-bad\"",
        "redis@sha256:abc | invalid digest",
        "redis@md5:" + "aaaa | invalid digest",
        "a//b | invalid characters",
        "a/b/ | invalid characters",
        "redis: | tag \"\"",
        "-redis | invalid characters",
        "host:port/x | is not a host[:port]",
      })
  void parse_rejectsBadInput_quotingIt(String input, String why) {
    assertThatThrownBy(() -> ImageReference.parse(input))
        .isInstanceOf(InvalidImageDataException.class)
        .hasMessageStartingWith("invalid reference \"" + input + "\"")
        .hasMessageContaining(why)
        .satisfies(
            e ->
                assertThat(((InvalidImageDataException) e).kind())
                    .isEqualTo(ErrorKind.INVALID_ARGUMENT));
  }

  @org.junit.jupiter.api.Test
  void parse_rejectsNamesLongerThan255() {
    String name = "a".repeat(250) + "/" + "b".repeat(10);

    assertThatThrownBy(() -> ImageReference.parse(name)).hasMessageContaining("longer than 255");
  }
}
