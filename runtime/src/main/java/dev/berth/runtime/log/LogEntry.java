package dev.berth.runtime.log;

import java.time.Instant;

/**
 * One line a container wrote, without its newline, with when and on which stream; {@code partial}
 * when no newline followed it (yet): the output's last piece, printed as it is.
 */
public record LogEntry(Instant time, Stream stream, String text, boolean partial) {

  /** A whole line. */
  public LogEntry(Instant time, Stream stream, String text) {
    this(time, stream, text, false);
  }

  /** The text as the container wrote it: with its newline unless partial. */
  public String written() {
    return partial ? text : text + "\n";
  }

  /** The container's output streams. */
  public enum Stream {
    STDOUT,
    STDERR
  }
}
