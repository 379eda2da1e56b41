package dev.berth.runtime.log;

import java.time.Instant;

/**
 * Which lines to read: the last {@code tail} lines (negative for all) written in [{@code since},
 * {@code until}) (null for open ends), optionally following new lines until the container stops.
 */
public record LogQuery(int tail, Instant since, Instant until, boolean follow) {
  /** Every line, no follow. */
  public static final LogQuery ALL = new LogQuery(-1, null, null, false);

  /** Whether {@code entry} falls within since/until. */
  public boolean accepts(LogEntry entry) {
    return (since == null || !entry.time().isBefore(since))
        && (until == null || entry.time().isBefore(until));
  }
}
