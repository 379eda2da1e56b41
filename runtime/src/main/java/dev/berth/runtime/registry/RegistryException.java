package dev.berth.runtime.registry;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;

/** A registry that did not answer, or answered with an error; says whether trying again helps. */
public class RegistryException extends EngineException {
  private final boolean retryable;
  private final int status;

  public RegistryException(ErrorKind kind, String message, boolean retryable, Throwable cause) {
    this(kind, message, retryable, 0, cause);
  }

  private RegistryException(
      ErrorKind kind, String message, boolean retryable, int status, Throwable cause) {
    super(kind, message, cause);
    this.retryable = retryable;
    this.status = status;
  }

  /** The HTTP status the registry answered, or 0 when it did not answer. */
  public int status() {
    return status;
  }

  /** True for connection failures, timeouts, 429 and 5xx answers. */
  public boolean retryable() {
    return retryable;
  }

  /** The error for an HTTP status, e.g. {@code 127.0.0.1:5000 answered 401 unauthorized}. */
  static RegistryException status(String what, String host, int status, String detail) {
    ErrorKind kind =
        switch (status) {
          case 401, 403 -> ErrorKind.PERMISSION_DENIED;
          case 404 -> ErrorKind.NOT_FOUND;
          case 400 -> ErrorKind.INVALID_ARGUMENT;
          default -> ErrorKind.UNAVAILABLE;
        };
    boolean retryable = status == 429 || status >= 500;
    String text = detail == null || detail.isBlank() ? reason(status) : detail;
    return new RegistryException(
        kind, what + ": " + host + " answered " + status + " " + text, retryable, status, null);
  }

  /** The error for a registry that could not be reached or broke the connection. */
  static RegistryException unreachable(String what, String host, Exception cause) {
    String why = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    return new RegistryException(
        ErrorKind.UNAVAILABLE, what + ": cannot reach " + host + ": " + why, true, cause);
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "bad request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not found";
      case 429 -> "too many requests";
      case 500 -> "internal server error";
      case 502 -> "bad gateway";
      case 503 -> "service unavailable";
      case 504 -> "gateway timeout";
      default -> "unexpected status";
    };
  }
}
