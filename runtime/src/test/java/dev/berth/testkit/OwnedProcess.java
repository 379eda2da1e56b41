package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A background process the test kit started, logging to a file, stopped only by its handle. */
final class OwnedProcess {

  private final String description;
  private final Process process;
  private final Path log;

  private OwnedProcess(String description, Process process, Path log) {
    this.description = description;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code command} with stdin from /dev/null and stdout and stderr appended to log. */
  static OwnedProcess start(List<String> command, Path log) {
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectErrorStream(true)
              .start();
      return new OwnedProcess(String.join(" ", command), process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The last lines of the process's log, for failure messages. */
  String logTail() {
    return LogTail.of(log, 30);
  }

  /** Fails with the log tail, saying what was awaited, when the process has already died. */
  void failIfDead(String awaited) {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          description
              + " exited "
              + process.exitValue()
              + " before "
              + awaited
              + "; log "
              + log
              + ":\n"
              + logTail());
    }
  }

  /** SIGTERM, wait up to {@code grace}, then SIGKILL it and whatever children it left. */
  void stop(Duration grace) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  @Override
  public String toString() {
    return description + " (pid " + process.pid() + ")";
  }
}
