package dev.berth.runtime.health;

import java.time.Duration;
import java.util.List;

/** Runs one probe command in a container; the engine implements it with exec. */
public interface Prober {
  /** Runs {@code command}, killing it after {@code timeout}; exit code -1 means it timed out. */
  ProbeResult probe(List<String> command, Duration timeout);
}
