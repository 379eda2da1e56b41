package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.BerthException;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a reconcile runs on: any number may wait (for a dependency's health), at most {@code
 * parallel} talk to the engine at once.
 */
final class Tasks implements AutoCloseable {
  private static final AtomicInteger IDS = new AtomicInteger();

  /** A step that may fail with the module's exceptions. */
  @FunctionalInterface
  interface Step<T> {
    T run() throws BerthException, EngineException;
  }

  private final ExecutorService pool;
  private final Semaphore permits;

  Tasks(int parallel) {
    this.permits = new Semaphore(Math.max(1, parallel));
    this.pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "berth-reconcile-" + IDS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Runs {@code step} on a pool thread. */
  <T> CompletableFuture<T> submit(Step<T> step) {
    return CompletableFuture.supplyAsync(() -> unchecked(step), pool);
  }

  /** Runs {@code step} holding one of the engine permits. */
  <T> T limited(Step<T> step) throws BerthException, EngineException {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException(ErrorKind.UNAVAILABLE, "interrupted");
    }
    try {
      return step.run();
    } finally {
      permits.release();
    }
  }

  static <T> T unchecked(Step<T> step) {
    try {
      return step.run();
    } catch (BerthException | EngineException e) {
      throw new CompletionException(e);
    }
  }

  /** Waits for {@code future}, rethrowing its failure as the exception it was. */
  static <T> T join(CompletableFuture<T> future) throws BerthException, EngineException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException(ErrorKind.UNAVAILABLE, "interrupted");
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  static BerthException rethrow(Throwable t) throws EngineException {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof BerthException b) {
      return b;
    }
    if (t instanceof EngineException e) {
      throw e;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    return new BerthException(ErrorKind.INTERNAL, t.toString(), t);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
