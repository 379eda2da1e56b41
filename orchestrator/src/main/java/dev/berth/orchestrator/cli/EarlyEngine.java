package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.runtime.api.EngineClient;
import dev.berth.runtime.api.ErrorKind;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The engine connection a project command begins before it loads its project, so that starting the
 * HTTP client and the first {@code /_ping} overlap with reading and validating the compose files
 * (on a cold JVM both take tens of milliseconds). Only an engine that answers already is connected
 * early; when nothing answers, the command connects as usual once its project has loaded, so bad
 * input never starts berthd.
 */
final class EarlyEngine implements AutoCloseable {
  /** The usual, synchronous connection (which may start berthd and says what went wrong). */
  @FunctionalInterface
  interface Connect {
    EngineClient connect() throws BerthException;
  }

  private final CompletableFuture<Optional<EngineClient>> attempt;
  private final Runnable announce;
  private final Connect connect;
  private boolean taken;

  private EarlyEngine(
      CompletableFuture<Optional<EngineClient>> attempt, Runnable announce, Connect connect) {
    this.attempt = attempt;
    this.announce = announce;
    this.connect = connect;
  }

  /**
   * Runs {@code early} on a thread of its own; {@code announce} prints the notices the usual
   * connection would print, {@code connect} is that connection.
   */
  static EarlyEngine begin(
      Supplier<Optional<EngineClient>> early, Runnable announce, Connect connect) {
    CompletableFuture<Optional<EngineClient>> attempt = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                attempt.complete(early.get());
              } catch (RuntimeException | Error e) {
                attempt.complete(Optional.empty()); // the usual connection reports it
              }
            },
            "berth-connect");
    thread.setDaemon(true);
    thread.start();
    return new EarlyEngine(attempt, announce, connect);
  }

  /** The client: the early one when it answered, else the usual connection's. */
  EngineClient finish() throws BerthException {
    Optional<EngineClient> early;
    try {
      early = attempt.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // Ctrl-C in the warm server: close() takes the client
      throw new BerthException(ErrorKind.UNAVAILABLE, "interrupted");
    } catch (ExecutionException e) {
      early = Optional.empty(); // never: the attempt completes normally
    }
    taken = true;
    if (early.isPresent()) {
      announce.run();
      return early.get();
    }
    return connect.connect();
  }

  /** Closes the early client unless {@link #finish()} handed it out (the project did not load). */
  @Override
  public void close() {
    if (!taken) {
      attempt.thenAccept(early -> early.ifPresent(EngineClient::close));
    }
  }
}
