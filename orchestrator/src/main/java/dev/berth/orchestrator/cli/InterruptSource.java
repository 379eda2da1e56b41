package dev.berth.orchestrator.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Where a command's Ctrl-C and SIGTERM come from: this process's signals, or (in the warm CLI
 * server) the client whose command it runs.
 */
@FunctionalInterface
public interface InterruptSource {

  /** Stops the calls a {@link #listen} started. */
  @FunctionalInterface
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Calls {@code onInterrupt} on each interrupt until the registration is closed. */
  Registration listen(Runnable onInterrupt);

  /** SIGINT and SIGTERM of this process; the previous handlers come back on close. */
  InterruptSource PROCESS_SIGNALS =
      onInterrupt -> {
        SignalHandler handler = signal -> onInterrupt.run();
        SignalHandler previousInt = Signal.handle(new Signal("INT"), handler);
        SignalHandler previousTerm = Signal.handle(new Signal("TERM"), handler);
        return () -> {
          Signal.handle(new Signal("INT"), previousInt);
          Signal.handle(new Signal("TERM"), previousTerm);
        };
      };
}
