package dev.berth.runtime.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Route paths with parameters. */
class PathPatternTest {
  @Test
  void match_namedSegment_capturesIt() {
    assertThat(PathPattern.parse("/containers/{id}/start").match("/containers/abc/start"))
        .isEqualTo(Map.of("id", "abc"));
  }

  @Test
  void match_greedySegment_takesSlashes() {
    assertThat(PathPattern.parse("/images/{name*}/json").match("/images/library/redis:7/json"))
        .isEqualTo(Map.of("name", "library/redis:7"));
  }

  @Test
  void match_otherPaths_isNull() {
    PathPattern pattern = PathPattern.parse("/containers/{id}/start");
    assertThat(pattern.match("/containers//start")).isNull();
    assertThat(pattern.match("/containers/abc/stop")).isNull();
    assertThat(pattern.match("/containers/abc/start/x")).isNull();
  }
}
