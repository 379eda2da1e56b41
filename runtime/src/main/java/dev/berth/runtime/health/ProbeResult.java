package dev.berth.runtime.health;

import java.time.Instant;

/** One probe run: when it ran, its exit code (-1 when it timed out) and its output. */
public record ProbeResult(Instant start, Instant end, int exitCode, String output) {
  /** Docker keeps at most this many bytes of a probe's output. */
  public static final int MAX_OUTPUT = 4096;

  public ProbeResult {
    output = output == null ? "" : output;
    if (output.length() > MAX_OUTPUT) {
      output = output.substring(0, MAX_OUTPUT);
    }
  }
}
