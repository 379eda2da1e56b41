package dev.berth.runtime.server.engine;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;

/** The {@code condition} of {@code POST /containers/{id}/wait}. */
public enum WaitCondition {
  /** The container is not running now (returns at once for a stopped one). */
  NOT_RUNNING("not-running"),
  /** The container's next exit, even if it is stopped now. */
  NEXT_EXIT("next-exit"),
  /** The container was removed. */
  REMOVED("removed");

  private final String wire;

  WaitCondition(String wire) {
    this.wire = wire;
  }

  /** Parses the query value; empty means {@code not-running}, as in dockerd. */
  public static WaitCondition parse(String text) throws EngineException {
    if (text == null || text.isEmpty()) {
      return NOT_RUNNING;
    }
    for (WaitCondition condition : values()) {
      if (condition.wire.equals(text)) {
        return condition;
      }
    }
    throw new EngineException(
        ErrorKind.INVALID_ARGUMENT,
        "invalid condition \"" + text + "\": expected not-running, next-exit or removed");
  }

  @Override
  public String toString() {
    return wire;
  }
}
