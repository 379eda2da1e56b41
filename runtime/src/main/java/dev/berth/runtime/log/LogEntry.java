package dev.berth.runtime.log;

import java.time.Instant;

/** One line a container wrote, without its newline, with when and on which stream. */
public record LogEntry(Instant time, Stream stream, String text) {

  /** The container's output streams. */
  public enum Stream {
    STDOUT,
    STDERR
  }
}
