package dev.berth.runtime.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code docker} CLI pointed at a test server's socket, with an empty config dir. */
public final class DockerCli {
  private final Path binary;
  private final Path socket;
  private final Path config;

  /** The result of one CLI run. */
  public record Result(int exitCode, String stdout, String stderr) {}

  public DockerCli(Path socket, Path config) {
    this.binary = find();
    this.socket = socket;
    this.config = config;
  }

  /** The docker CLI to use: /usr/local/bin/docker (v28) if present, else /usr/bin/docker. */
  public static Path find() {
    for (String candidate : List.of("/usr/local/bin/docker", "/usr/bin/docker")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Path.of(candidate);
      }
    }
    throw new IllegalStateException(
        "no docker CLI at /usr/local/bin/docker or /usr/bin/docker: install docker.io"
            + " (bin/setup-host) to run the hijack spike");
  }

  /** Runs {@code docker -H unix://SOCKET ARGS} with {@code stdin} and a 60 s limit. */
  public Result run(String stdin, String... args) throws IOException, InterruptedException {
    return runWithEnv(java.util.Map.of(), stdin, args);
  }

  /**
   * Like {@link #run(String, String...)} with extra environment, e.g. {@code DOCKER_BUILDKIT=0}.
   */
  public Result runWithEnv(java.util.Map<String, String> env, String stdin, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "-H", "unix://" + socket));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("DOCKER_"));
    builder.environment().put("DOCKER_CONFIG", config.toString());
    builder.environment().putAll(env);
    Path out = Files.createTempFile(config, "stdout", ".txt");
    Path err = Files.createTempFile(config, "stderr", ".txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    try {
      if (stdin != null) {
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      process.getOutputStream().close();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("docker " + args[0] + " did not finish within 60 s");
      }
      return new Result(
          process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
