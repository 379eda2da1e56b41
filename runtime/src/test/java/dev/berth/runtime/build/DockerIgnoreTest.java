package dev.berth.runtime.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerIgnoreTest {
  @Test
  void ignores_pathAndEverythingBelowAMatchingDirectory() {
    DockerIgnore ignore = DockerIgnore.parse("node_modules\n/build/\n");

    assertThat(ignore.ignores("node_modules")).isTrue();
    assertThat(ignore.ignores("node_modules/x/y.js")).isTrue();
    assertThat(ignore.ignores("build/out")).isTrue();
    assertThat(ignore.ignores("src/node_modules")).isFalse();
  }

  @Test
  void ignores_doubleStarMatchesAnyDirectories() {
    DockerIgnore ignore = DockerIgnore.parse("**/*.log\n");

    assertThat(ignore.ignores("a.log")).isTrue();
    assertThat(ignore.ignores("a/b/c.log")).isTrue();
    assertThat(ignore.ignores("a/b/c.txt")).isFalse();
  }

  @Test
  void ignores_lastMatchingRuleWins_withExceptions() {
    DockerIgnore ignore =
        DockerIgnore.parse("# comment\n*.md\n!README.md\nREADME*.md\n!README-keep.md\n");

    assertThat(ignore.ignores("CHANGES.md")).isTrue();
    assertThat(ignore.ignores("README.md")).isTrue();
    assertThat(ignore.ignores("README-keep.md")).isFalse();
  }

  @Test
  void ignores_singleStarStaysInOneDirectory() {
    DockerIgnore ignore = DockerIgnore.parse("*/temp*\n");

    assertThat(ignore.ignores("a/temporary")).isTrue();
    assertThat(ignore.ignores("temp")).isFalse();
    assertThat(ignore.ignores("a/b/temp")).isFalse();
  }

  @Test
  void ignores_cleansPatternsLikeGo() {
    DockerIgnore ignore = DockerIgnore.parse("./a/../b//c\n");

    assertThat(ignore.ignores("b/c")).isTrue();
  }

  @Test
  void none_ignoresNothing() {
    assertThat(DockerIgnore.NONE.ignores("anything")).isFalse();
  }
}
