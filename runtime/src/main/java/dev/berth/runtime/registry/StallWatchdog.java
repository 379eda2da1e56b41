package dev.berth.runtime.registry;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Breaks off a download that stopped receiving bytes: the JDK's HTTP client has no read timeout for
 * a streamed body, so a silent peer would hang a pull forever. Closing the body makes the blocked
 * read fail, and the pull retries.
 */
final class StallWatchdog implements Closeable {
  private static final ScheduledExecutorService TIMER =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "berth-download-watchdog");
            t.setDaemon(true);
            return t;
          });

  private final ScheduledFuture<?> task;
  private volatile boolean stalled;

  private StallWatchdog(InputStream body, Duration stall, LongSupplier progress) {
    long period = Math.max(50, stall.toMillis() / 4);
    long[] last = {progress.getAsLong(), System.nanoTime()};
    this.task =
        TIMER.scheduleAtFixedRate(
            () -> {
              long now = System.nanoTime();
              long bytes = progress.getAsLong();
              if (bytes != last[0]) {
                last[0] = bytes;
                last[1] = now;
              } else if (now - last[1] >= stall.toNanos() && !stalled) {
                stalled = true;
                try {
                  body.close();
                } catch (IOException ignored) {
                  // the read it unblocks reports the failure
                }
              }
            },
            period,
            period,
            TimeUnit.MILLISECONDS);
  }

  /** Watches {@code body} until closed; {@code progress} returns the bytes received so far. */
  static StallWatchdog watch(InputStream body, Duration stall, LongSupplier progress) {
    return new StallWatchdog(body, stall, progress);
  }

  /** Whether the watchdog broke the transfer off. */
  boolean stalled() {
    return stalled;
  }

  @Override
  public void close() {
    task.cancel(false);
  }
}
