package dev.berth.runtime.clients;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A client program bound to one engine through its environment; runs or starts it. */
public final class ClientCommand {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final List<String> program;
  private final Map<String, String> env;
  private final Path temp;

  ClientCommand(List<String> program, Map<String, String> env, Path temp) {
    this.program = List.copyOf(program);
    this.env = Map.copyOf(env);
    this.temp = temp;
  }

  /** What one run printed and returned. */
  public record Result(String command, int exitCode, String stdout, String stderr) {
    /** This result, or an exception naming the command, its exit code and its stderr. */
    public Result orThrow() {
      if (exitCode != 0) {
        throw new AssertionError(command + " exited " + exitCode + ": " + stderr.strip());
      }
      return this;
    }

    /** Standard output without the final newline. */
    public String out() {
      return stdout.strip();
    }
  }

  /** Runs the program with {@code args} in {@code dir} and waits (two minutes at most). */
  public Result run(String... args) {
    return runIn(temp, args);
  }

  /** As {@link #run}, with the working directory {@code dir}. */
  public Result runIn(Path dir, String... args) {
    List<String> command = command(args);
    try {
      Path out = Files.createTempFile(temp, "out", ".txt");
      Path err = Files.createTempFile(temp, "err", ".txt");
      Process process =
          builder(command, dir).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(String.join(" ", command) + " did not finish within " + TIMEOUT);
      }
      return new Result(
          String.join(" ", command),
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }

  /** Runs and throws unless it exits 0. */
  public Result runChecked(String... args) {
    return run(args).orThrow();
  }

  /** Runs for cleanup: failures are expected (the object may be gone) and ignored. */
  void runQuietly(String... args) {
    try {
      run(args);
    } catch (RuntimeException | AssertionError ignored) {
      // cleanup of something already gone, or of an engine that cannot do it yet
    }
  }

  /** Starts the program in the background, stdout and stderr to {@code output}; caller waits. */
  public Process start(Path output, String... args) {
    try {
      return builder(command(args), temp)
          .redirectErrorStream(true)
          .redirectOutput(output.toFile())
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command(args), e);
    }
  }

  private List<String> command(String... args) {
    List<String> command = new ArrayList<>(program);
    command.addAll(List.of(args));
    return command;
  }

  private ProcessBuilder builder(List<String> command, Path dir) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("DOCKER_") || k.startsWith("COMPOSE_"));
    builder.environment().putAll(env);
    builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    return builder;
  }
}
