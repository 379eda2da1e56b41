package dev.berth.runtime.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathGlobTest {
  @Test
  void matches_goFilepathMatchSyntax() {
    assertThat(PathGlob.compile("*.txt", false).matches("a.txt")).isTrue();
    assertThat(PathGlob.compile("*.txt", false).matches("d/a.txt")).isFalse();
    assertThat(PathGlob.compile("fil?.[a-c]", false).matches("file.b")).isTrue();
    assertThat(PathGlob.compile("[^a]x", false).matches("ax")).isFalse();
    assertThat(PathGlob.compile("a\\*", false).matches("a*")).isTrue();
    assertThat(PathGlob.compile("a\\*", false).matches("ab")).isFalse();
  }

  @Test
  void matches_doubleStarOnlyWhenAllowed() {
    assertThat(PathGlob.compile("**/x", true).matches("x")).isTrue();
    assertThat(PathGlob.compile("**/x", true).matches("a/b/x")).isTrue();
    assertThat(PathGlob.compile("**/x", false).matches("a/b/x")).isFalse();
  }

  @Test
  void hasWildcard_findsGlobCharacters() {
    assertThat(PathGlob.hasWildcard("a/*.c")).isTrue();
    assertThat(PathGlob.hasWildcard("a/b.c")).isFalse();
  }
}
