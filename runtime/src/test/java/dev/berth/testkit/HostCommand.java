package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a host command with a bounded wait and captures its exit code, stdout and stderr. */
public final class HostCommand {

  /** What a finished command printed and returned. */
  public record Result(List<String> command, int exitCode, String stdout, String stderr) {

    public Result {
      command = List.copyOf(command);
    }

    /** Whether the command exited 0. */
    public boolean succeeded() {
      return exitCode == 0;
    }

    /** Returns this result, or throws naming the command, its exit code and its stderr. */
    public Result orThrow() {
      if (!succeeded()) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited " + exitCode + ": " + stderr.strip());
      }
      return this;
    }
  }

  private HostCommand() {}

  /** Runs {@code command}, waiting at most {@code timeout}; kills it and throws on timeout. */
  public static Result run(List<String> command, Duration timeout) {
    Path out = null;
    Path err = null;
    try {
      // Files rather than pipes: a daemonising grandchild may keep a pipe open forever.
      out = Files.createTempFile("berth-test-cmd", ".out");
      err = Files.createTempFile("berth-test-cmd", ".err");
      Process process =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish within " + timeout);
      }
      return new Result(
          command,
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  /** Runs {@code command} and throws unless it exits 0. */
  public static Result runChecked(List<String> command, Duration timeout) {
    return run(command, timeout).orThrow();
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temp file left behind is harmless
      }
    }
  }
}
