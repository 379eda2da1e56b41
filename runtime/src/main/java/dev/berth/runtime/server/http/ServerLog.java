package dev.berth.runtime.server.http;

/** Where the server reports what happened; berthd writes it to its log file, tests collect it. */
public interface ServerLog {
  /** A log that drops everything. */
  ServerLog NONE =
      new ServerLog() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message, Throwable cause) {}
      };

  /** Something worth knowing happened, e.g. the server started on a socket. */
  void info(String message);

  /** Something failed that the server survived, e.g. a handler threw; {@code cause} may be null. */
  void warn(String message, Throwable cause);
}
