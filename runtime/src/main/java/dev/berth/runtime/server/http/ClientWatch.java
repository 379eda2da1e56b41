package dev.berth.runtime.server.http;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Notices that the client of a long, quiet answer (an event stream, a wait) closed its connection,
 * which Jetty sees only when it reads: a non-blocking one-byte read every interval. Only for
 * answers during which nothing else reads the connection; a byte the client sends meanwhile is
 * dropped.
 */
final class ClientWatch {
  private final EndPoint endPoint;
  private final Scheduler scheduler;
  private final Duration interval;
  private final Runnable onGone;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile Scheduler.Task next;

  private ClientWatch(EndPoint endPoint, Scheduler scheduler, Duration interval, Runnable onGone) {
    this.endPoint = endPoint;
    this.scheduler = scheduler;
    this.interval = interval;
    this.onGone = onGone;
  }

  /** Starts watching; {@code onGone} runs once if the client goes before {@link #stop}. */
  static ClientWatch start(
      EndPoint endPoint, Scheduler scheduler, Duration interval, Runnable onGone) {
    ClientWatch watch = new ClientWatch(endPoint, scheduler, interval, onGone);
    watch.schedule();
    return watch;
  }

  /** Stops watching, e.g. because the answer ended. */
  void stop() {
    stopped.set(true);
    Scheduler.Task task = next;
    if (task != null) {
      task.cancel();
    }
  }

  private void schedule() {
    next = scheduler.schedule(this::probe, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void probe() {
    if (stopped.get()) {
      return;
    }
    int read;
    try {
      read = endPoint.fill(BufferUtil.allocate(1));
    } catch (IOException e) {
      read = -1;
    }
    if (read >= 0) {
      schedule();
    } else if (stopped.compareAndSet(false, true)) {
      onGone.run();
    }
  }
}
