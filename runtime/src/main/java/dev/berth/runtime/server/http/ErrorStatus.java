package dev.berth.runtime.server.http;

import dev.berth.runtime.api.ErrorKind;

/** The HTTP status dockerd uses for each kind of error. */
final class ErrorStatus {
  private ErrorStatus() {}

  static int of(ErrorKind kind) {
    return switch (kind) {
      case INVALID_ARGUMENT, USAGE -> 400;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case UNSUPPORTED -> 501;
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
    };
  }
}
