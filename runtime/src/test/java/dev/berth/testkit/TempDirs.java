package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Creates and deletes the test kit's temporary directories, all named {@code berth-test-*}. */
public final class TempDirs {

  private TempDirs() {}

  /** A fresh directory under the system temp dir named {@code berth-test-<purpose>-*}. */
  public static Path create(String purpose) {
    try {
      return Files.createTempDirectory("berth-test-" + purpose + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temp dir for " + purpose, e);
    }
  }

  /** Deletes {@code dir} and everything below it, not following symlinks. */
  public static void deleteRecursively(Path dir) {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
