package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;

/** {@code no}, {@code always}, {@code on-failure[:N]} or {@code unless-stopped}. */
public record RestartPolicy(Mode mode, int maxRetries) {
  /** Never restart. */
  public static final RestartPolicy NO = new RestartPolicy(Mode.NO, 0);

  /** The four policies. */
  public enum Mode {
    NO,
    ALWAYS,
    ON_FAILURE,
    UNLESS_STOPPED
  }

  /** Parses Docker's spelling; {@code on-failure} without a count retries forever. */
  public static RestartPolicy parse(String text) throws EngineException {
    String value = text == null || text.isEmpty() ? "no" : text;
    if (value.startsWith("on-failure")) {
      if (value.equals("on-failure")) {
        return new RestartPolicy(Mode.ON_FAILURE, 0);
      }
      if (value.startsWith("on-failure:")) {
        try {
          int max = Integer.parseInt(value.substring("on-failure:".length()));
          if (max >= 0) {
            return new RestartPolicy(Mode.ON_FAILURE, max);
          }
        } catch (NumberFormatException e) {
          // fall through to the error below
        }
      }
    }
    switch (value) {
      case "no":
        return NO;
      case "always":
        return new RestartPolicy(Mode.ALWAYS, 0);
      case "unless-stopped":
        return new RestartPolicy(Mode.UNLESS_STOPPED, 0);
      default:
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT, "invalid restart policy \"" + text + "\"");
    }
  }

  /** Docker's spelling, e.g. {@code on-failure:3}; {@link #parse} reads it back. */
  public String dockerName() {
    switch (mode) {
      case ALWAYS:
        return "always";
      case UNLESS_STOPPED:
        return "unless-stopped";
      case ON_FAILURE:
        return maxRetries == 0 ? "on-failure" : "on-failure:" + maxRetries;
      default:
        return "no";
    }
  }
}
