package dev.berth.orchestrator.cli;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C and SIGTERM during an attached {@code up}: the first asks for a graceful stop, the second
 * for a kill, as {@code docker compose} does. Handlers are removed on {@link #close}.
 */
final class Interrupts implements AutoCloseable {

  /** What to do on the first and the second signal. */
  interface Reaction {
    void gracefulStop();

    void kill();
  }

  private final AtomicInteger count = new AtomicInteger();
  private final List<Thread> reactions = new CopyOnWriteArrayList<>();
  private final InterruptSource.Registration registration;

  private Interrupts(InterruptSource source, Reaction reaction) {
    registration =
        source.listen(
            () -> {
              Thread t =
                  new Thread(
                      count.incrementAndGet() == 1 ? reaction::gracefulStop : reaction::kill,
                      "berth-signal");
              t.setDaemon(true);
              reactions.add(t);
              t.start();
            });
  }

  /** Reacts to the interrupts {@code source} delivers until closed. */
  static Interrupts install(InterruptSource source, Reaction reaction) {
    return new Interrupts(source, reaction);
  }

  /**
   * Stops listening, then waits (up to a minute) for the reactions under way: the command ends once
   * its stops and kills are done, not while one is still talking to the engine.
   */
  @Override
  public void close() {
    registration.close();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    for (Thread t : reactions) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
