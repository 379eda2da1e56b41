package dev.berth.runtime.api;

import java.util.Objects;

/**
 * The runtime module's one checked exception. Its message is for the user: it says what was tried
 * and why it failed, e.g. {@code mount("overlay", "/x"): EPERM (Operation not permitted)}.
 */
public class EngineException extends Exception {
  private final ErrorKind kind;

  public EngineException(ErrorKind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public EngineException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public ErrorKind kind() {
    return kind;
  }
}
