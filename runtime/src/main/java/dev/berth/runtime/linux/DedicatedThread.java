package dev.berth.runtime.linux;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a task on a new platform thread that ends with it, so namespace changes made by that thread
 * never leak into a pooled thread; the caller waits and gets the result or the task's exception.
 */
final class DedicatedThread {
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private DedicatedThread() {}

  static <T> T call(String purpose, NamespaceTask<T, ?> task) throws Exception {
    Outcome<T> outcome = new Outcome<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                outcome.value = task.call();
              } catch (Throwable t) {
                outcome.failure = t;
              }
            },
            "berth-" + purpose + "-" + COUNTER.incrementAndGet());
    thread.setDaemon(true);
    thread.start();
    joinUninterruptibly(thread);
    return outcome.get();
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** What the thread produced; written before the thread ends, read after join. */
  private static final class Outcome<T> {
    private T value;
    private Throwable failure;

    T get() throws Exception {
      if (failure == null) {
        return value;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      throw (Exception) failure;
    }
  }
}
