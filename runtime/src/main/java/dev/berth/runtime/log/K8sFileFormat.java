package dev.berth.runtime.log;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * conmon's k8s-file line format: {@code 2026-11-27T09:28:04.116414998+00:00 stdout F text}, where
 * {@code P} marks a partial line continued by the next record of the same stream.
 */
public final class K8sFileFormat {
  private K8sFileFormat() {}

  /** One parsed record of the file. */
  public record Record(Instant time, LogEntry.Stream stream, boolean partial, String text) {}

  /** The record on {@code line}, or empty for a malformed line. */
  public static Optional<Record> parse(String line) {
    int s1 = line.indexOf(' ');
    int s2 = s1 < 0 ? -1 : line.indexOf(' ', s1 + 1);
    int s3 = s2 < 0 ? -1 : line.indexOf(' ', s2 + 1);
    if (s3 < 0 && s2 > 0 && line.length() == s2 + 2) {
      s3 = line.length();
    }
    if (s3 < 0) {
      return Optional.empty();
    }
    try {
      Instant time = java.time.OffsetDateTime.parse(line.substring(0, s1)).toInstant();
      String stream = line.substring(s1 + 1, s2);
      String tag = line.substring(s2 + 1, Math.min(s3, line.length()));
      String text = s3 >= line.length() ? "" : line.substring(s3 + 1);
      LogEntry.Stream kind =
          stream.equals("stderr") ? LogEntry.Stream.STDERR : LogEntry.Stream.STDOUT;
      return Optional.of(new Record(time, kind, tag.startsWith("P"), text));
    } catch (DateTimeParseException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }
}
