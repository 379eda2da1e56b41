package dev.berth.runtime.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A running exec whose stdio the caller holds: write its stdin (close it for end of input), read
 * its stdout and stderr (one stream with a terminal), wait for its exit code. The OCI runtime stays
 * in between and exits with the process's code.
 */
public final class ExecProcess {
  private static final int RUNTIME_FAILED = 255;
  private static final int START_FAILED = 126;
  private final Process runtime;
  private final Path processFile;
  private final Path pidFile;
  private final boolean tty;

  ExecProcess(Process runtime, Path processFile, Path pidFile, boolean tty) {
    this.runtime = runtime;
    this.processFile = processFile;
    this.pidFile = pidFile;
    this.tty = tty;
  }

  /** Whether the process has a terminal: then stderr is merged into stdout. */
  public boolean tty() {
    return tty;
  }

  public OutputStream stdin() {
    return runtime.getOutputStream();
  }

  public InputStream stdout() {
    return runtime.getInputStream();
  }

  public InputStream stderr() {
    return runtime.getErrorStream();
  }

  /** The process's host pid once the runtime wrote it (within a few seconds of the start). */
  public OptionalInt pid() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (runtime.isAlive() && System.nanoTime() < deadline) {
      OptionalInt pid = readPid();
      if (pid.isPresent()) {
        return pid;
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return readPid();
  }

  private OptionalInt readPid() {
    try {
      String text = Files.readString(pidFile, StandardCharsets.US_ASCII).strip();
      return text.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(text));
    } catch (IOException | NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  public boolean isAlive() {
    return runtime.isAlive();
  }

  /**
   * Waits for the exit and returns the process's exit code; its spec files are then removed. When
   * the runtime failed before the process started (no pid written, e.g. a program not found), the
   * code is 126, as dockerd reports a failed exec start.
   */
  public int waitFor() throws InterruptedException {
    int code = runtime.waitFor();
    if (code == RUNTIME_FAILED && readPid().isEmpty()) {
      code = START_FAILED;
    }
    try {
      Files.deleteIfExists(processFile);
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      // the bundle and its files go with the container anyway
    }
    return code;
  }

  /** Kills the runtime in between, e.g. when the client went away from a waiting exec. */
  public void kill() {
    runtime.destroyForcibly();
  }
}
