package dev.berth.orchestrator.cli;

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
              t.start();
            });
  }

  /** Reacts to the interrupts {@code source} delivers until closed. */
  static Interrupts install(InterruptSource source, Reaction reaction) {
    return new Interrupts(source, reaction);
  }

  @Override
  public void close() {
    registration.close();
  }
}
