package dev.berth.orchestrator.cli;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM during an attached {@code up}: the first asks for a graceful stop, the second
 * for a kill, as {@code docker compose} does. Handlers are restored on {@link #close}.
 */
final class Interrupts implements AutoCloseable {

  /** What to do on the first and the second signal. */
  interface Reaction {
    void gracefulStop();

    void kill();
  }

  private final AtomicInteger count = new AtomicInteger();
  private final SignalHandler previousInt;
  private final SignalHandler previousTerm;

  private Interrupts(Reaction reaction) {
    SignalHandler handler =
        signal -> {
          Thread t =
              new Thread(
                  count.incrementAndGet() == 1 ? reaction::gracefulStop : reaction::kill,
                  "berth-signal");
          t.setDaemon(true);
          t.start();
        };
    previousInt = Signal.handle(new Signal("INT"), handler);
    previousTerm = Signal.handle(new Signal("TERM"), handler);
  }

  /** Installs the handlers for this process. */
  static Interrupts install(Reaction reaction) {
    return new Interrupts(reaction);
  }

  @Override
  public void close() {
    Signal.handle(new Signal("INT"), previousInt);
    Signal.handle(new Signal("TERM"), previousTerm);
  }
}
