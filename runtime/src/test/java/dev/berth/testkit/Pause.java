package dev.berth.testkit;

import java.time.Duration;

/** Sleeps between polls, turning an interrupt into an exception that keeps the flag set. */
final class Pause {

  private Pause() {}

  static void of(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
