package dev.berth.runtime.container;

import java.time.Duration;

/**
 * Docker's restart manager as a pure function: whether an exited container restarts and after how
 * long. The delay starts at 100 ms and doubles per restart up to one minute; a run of at least 10
 * seconds resets it. A manually stopped container is not restarted.
 */
public final class RestartBackoff {
  static final Duration FIRST = Duration.ofMillis(100);
  static final Duration MAX = Duration.ofMinutes(1);
  private static final Duration STABLE_RUN = Duration.ofSeconds(10);

  private RestartBackoff() {}

  /** The verdict, and the delay to remember for the next exit. */
  public record Decision(boolean restart, Duration delay) {}

  /** Decides for a container that exited with {@code exitCode} after running {@code ran}. */
  public static Decision decide(
      RestartPolicy policy,
      int exitCode,
      boolean manuallyStopped,
      int restartCount,
      Duration previousDelay,
      Duration ran) {
    Duration delay = previousDelay;
    if (ran.compareTo(STABLE_RUN) >= 0 || delay.isZero()) {
      delay = FIRST;
    } else {
      delay = delay.multipliedBy(2);
      if (delay.compareTo(MAX) > 0) {
        delay = MAX;
      }
    }
    boolean restart;
    switch (policy.mode()) {
      case ALWAYS:
      case UNLESS_STOPPED:
        restart = true;
        break;
      case ON_FAILURE:
        restart = exitCode != 0 && (policy.maxRetries() == 0 || restartCount < policy.maxRetries());
        break;
      default:
        restart = false;
    }
    return new Decision(restart && !manuallyStopped, delay);
  }
}
