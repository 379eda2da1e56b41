package dev.berth.runtime.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Rotates a conmon log without losing lines (json-file's {@code max-size}/{@code max-file}): the
 * current file is renamed aside, then conmon is told through its {@code ctl} FIFO ({@code 2 0 0})
 * to reopen its log path; lines written in between land in the renamed file.
 */
public final class LogRotator {
  private final LogFiles files;
  private final long maxSize;
  private final Path ctlFifo;

  /**
   * @param maxSize rotate once the current file reaches this many bytes; 0 turns rotation off
   */
  public LogRotator(LogFiles files, long maxSize, Path ctlFifo) {
    this.files = files;
    this.maxSize = maxSize;
    this.ctlFifo = ctlFifo;
  }

  /** Rotates if the current file is too big; returns whether it did. */
  public boolean rotateIfNeeded() throws IOException {
    if (maxSize <= 0 || !Files.exists(files.current()) || Files.size(files.current()) < maxSize) {
      return false;
    }
    int keep = Math.max(files.maxFiles(), 2);
    Files.deleteIfExists(files.rotated(keep - 1));
    for (int n = keep - 2; n >= 1; n--) {
      if (Files.exists(files.rotated(n))) {
        Files.move(files.rotated(n), files.rotated(n + 1), StandardCopyOption.ATOMIC_MOVE);
      }
    }
    Files.move(files.current(), files.rotated(1), StandardCopyOption.ATOMIC_MOVE);
    if (Files.exists(ctlFifo)) {
      // read-write: opening a FIFO write-only blocks until conmon reads it, forever if it is gone
      try (java.nio.channels.FileChannel out =
          java.nio.channels.FileChannel.open(
              ctlFifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        out.write(java.nio.ByteBuffer.wrap("2 0 0\n".getBytes(StandardCharsets.US_ASCII)));
      }
    }
    return true;
  }
}
