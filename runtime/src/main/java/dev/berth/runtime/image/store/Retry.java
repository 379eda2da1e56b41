package dev.berth.runtime.image.store;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.content.DigestMismatchException;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.registry.RegistryException;
import java.time.Duration;

/** Runs a registry action again, with doubling backoff, when it failed in a way that may pass. */
final class Retry {
  /** An action that may fail. */
  interface Action<T> {
    T run() throws EngineException;
  }

  private final int attempts;
  private final Duration backoff;

  Retry(int attempts, Duration backoff) {
    this.attempts = attempts;
    this.backoff = backoff;
  }

  <T> T run(Digest what, PullListener listener, Action<T> action) throws EngineException {
    long wait = backoff.toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        return action.run();
      } catch (EngineException e) {
        if (attempt >= attempts || !retryable(e)) {
          throw e;
        }
        listener.retrying(what, attempt, wait, e.getMessage());
        sleep(wait);
        wait *= 2;
      }
    }
  }

  static boolean retryable(EngineException e) {
    return (e instanceof RegistryException r && r.retryable())
        || e instanceof DigestMismatchException;
  }

  private static void sleep(long millis) throws EngineException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(ErrorKind.UNAVAILABLE, "pull interrupted", e);
    }
  }
}
