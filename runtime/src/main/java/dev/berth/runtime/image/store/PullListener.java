package dev.berth.runtime.image.store;

import dev.berth.runtime.image.Digest;

/** Progress of a pull, for the CLI to show; called from download threads. */
public interface PullListener {
  /** Ignores everything. */
  PullListener NONE = new PullListener() {};

  /** A layer's status changed: {@code Waiting}, {@code Downloading}, {@code Already exists}... */
  default void status(Digest layer, String status) {}

  /** Bytes of a layer downloaded so far. */
  default void progress(Digest layer, long done, long total) {}

  /**
   * A failed attempt that will be retried after {@code backoffMillis}; {@code blob} is null when
   * the manifest named by a tag is retried.
   */
  default void retrying(Digest blob, int attempt, long backoffMillis, String why) {}
}
