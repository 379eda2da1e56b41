package dev.berth.orchestrator;

import dev.berth.runtime.api.ErrorKind;
import java.util.Objects;

/**
 * The orchestrator's one checked exception. Its message is for the user; for compose input it names
 * the file, line and key, e.g. {@code compose.yaml:12:7: services.web.ports[1]: ...}.
 */
public class BerthException extends Exception {
  private final ErrorKind kind;

  public BerthException(ErrorKind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public BerthException(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public ErrorKind kind() {
    return kind;
  }
}
