package dev.berth.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerIgnoreTest {

  private static DockerIgnore rules(String... lines) {
    return DockerIgnore.parse(List.of(lines));
  }

  @Test
  void excludes_starMatchesWithinOneSegmentOnly() {
    DockerIgnore ignore = rules("*.log");
    assertThat(ignore.excludes("app.log")).isTrue();
    assertThat(ignore.excludes("logs/app.log")).isFalse();
  }

  @Test
  void excludes_doubleStarMatchesAnyDepth() {
    DockerIgnore ignore = rules("**/*.log");
    assertThat(ignore.excludes("app.log")).isTrue();
    assertThat(ignore.excludes("a/b/app.log")).isTrue();
    assertThat(ignore.excludes("a/b/app.txt")).isFalse();
  }

  @Test
  void excludes_aDirectoryPatternCoversEverythingUnderIt() {
    DockerIgnore ignore = rules("/node_modules", "./build/");
    assertThat(ignore.excludes("node_modules/x/y.js")).isTrue();
    assertThat(ignore.excludes("build/out.o")).isTrue();
    assertThat(ignore.excludes("src/node_modules")).isFalse();
  }

  @Test
  void excludes_lastMatchingLineWins_withExceptions() {
    DockerIgnore ignore = rules("# comment", "", "*.md", "!README.md", "README*");
    assertThat(ignore.excludes("CHANGES.md")).isTrue();
    assertThat(ignore.excludes("README.md")).isTrue();
    assertThat(rules("*.md", "!README.md").excludes("README.md")).isFalse();
    assertThat(rules("*.md", "!README.md").hasExceptions()).isTrue();
  }

  @Test
  void excludes_questionMarkAndCharacterClasses() {
    assertThat(rules("file?.txt").excludes("file1.txt")).isTrue();
    assertThat(rules("file?.txt").excludes("file10.txt")).isFalse();
    assertThat(rules("[ab].txt").excludes("a.txt")).isTrue();
    assertThat(rules("[^ab].txt").excludes("a.txt")).isFalse();
    assertThat(rules("[^ab].txt").excludes("c.txt")).isTrue();
  }

  @Test
  void write_leavesOutIgnoredFiles_keepsTheDockerfile_andStoresSymlinksUnfollowed(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
    Files.writeString(dir.resolve(".dockerignore"), "Dockerfile\nsecret/\n*.tmp\n");
    Files.createDirectories(dir.resolve("secret"));
    Files.writeString(dir.resolve("secret/key"), "k");
    Files.writeString(dir.resolve("a.tmp"), "t");
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/main.sh"), "echo hi\n");
    dir.resolve("src/main.sh").toFile().setExecutable(true);
    Files.createSymbolicLink(dir.resolve("escape"), Path.of("/etc/passwd"));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ContextTar.write(
        dir, ContextTar.ignoreRules(dir, "Dockerfile"), Set.of("Dockerfile", ".dockerignore"), out);

    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        names.add(e.getName());
        if (e.getName().equals("escape")) {
          assertThat(e.isSymbolicLink()).isTrue();
          assertThat(e.getLinkName()).isEqualTo("/etc/passwd");
        }
        if (e.getName().equals("src/main.sh")) {
          assertThat(e.getMode() & 0111).isNotZero();
        }
      }
    }
    assertThat(names)
        .containsExactlyInAnyOrder("Dockerfile", ".dockerignore", "src/", "src/main.sh", "escape");
  }
}
