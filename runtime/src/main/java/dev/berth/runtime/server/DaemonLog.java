package dev.berth.runtime.server;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.server.http.ServerLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * berthd's log file, the daemon's only output: berth's own messages and Jetty's (which reach
 * java.util.logging through slf4j) as timestamped lines.
 */
final class DaemonLog implements ServerLog, AutoCloseable {
  private static final Logger JETTY = Logger.getLogger("org.eclipse.jetty");

  private final Path file;
  private final Writer out;
  private final Handler jettyHandler = new JettyHandler();

  private DaemonLog(Path file, Writer out) {
    this.file = file;
    this.out = out;
  }

  /** Appends to {@code file}, creating it, and takes over Jetty's logging while open. */
  static DaemonLog open(Path file) throws EngineException {
    try {
      Writer out =
          Files.newBufferedWriter(
              file,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND,
              StandardOpenOption.WRITE);
      DaemonLog log = new DaemonLog(file, out);
      synchronized (JETTY) {
        JETTY.addHandler(log.jettyHandler);
        JETTY.setUseParentHandlers(false);
      }
      return log;
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, "opening the log " + file + ": " + e, e);
    }
  }

  Path file() {
    return file;
  }

  @Override
  public void info(String message) {
    line("info", message, null);
  }

  @Override
  public void warn(String message, Throwable cause) {
    line("warn", message, cause);
  }

  private synchronized void line(String level, String message, Throwable cause) {
    try {
      out.write(Instant.now() + " " + level + " " + message + "\n");
      if (cause != null) {
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        out.write(trace.toString());
      }
      out.flush();
    } catch (IOException e) {
      // the log file is the only sink; a full disk must not take the daemon down
    }
  }

  @Override
  public void close() {
    synchronized (JETTY) {
      JETTY.removeHandler(jettyHandler);
      if (JETTY.getHandlers().length == 0) {
        JETTY.setUseParentHandlers(true);
      }
    }
    synchronized (this) {
      try {
        out.close();
      } catch (IOException ignored) {
        // already reported nowhere better
      }
    }
  }

  /** Jetty's records at INFO and above, as lines of this log. */
  private final class JettyHandler extends Handler {
    @Override
    public void publish(LogRecord record) {
      if (record.getLevel().intValue() >= Level.INFO.intValue()) {
        String level = record.getLevel().intValue() >= Level.WARNING.intValue() ? "warn" : "info";
        line(level, "jetty: " + record.getMessage(), record.getThrown());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
