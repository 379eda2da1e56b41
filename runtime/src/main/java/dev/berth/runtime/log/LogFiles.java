package dev.berth.runtime.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's log file and its rotated predecessors: {@code ctr.log} is current, {@code
 * ctr.log.1} the one before, up to {@code ctr.log.<maxFiles-1>}.
 */
public record LogFiles(Path current, int maxFiles) {

  /** The n-th older file. */
  public Path rotated(int n) {
    return current.resolveSibling(current.getFileName() + "." + n);
  }

  /** The existing files, oldest first. */
  public List<Path> oldestFirst() {
    List<Path> files = new ArrayList<>();
    for (int n = Math.max(maxFiles - 1, 1); n >= 1; n--) {
      if (Files.exists(rotated(n))) {
        files.add(rotated(n));
      }
    }
    if (Files.exists(current)) {
      files.add(current);
    }
    return files;
  }
}
