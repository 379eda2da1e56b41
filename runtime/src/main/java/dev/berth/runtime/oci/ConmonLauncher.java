package dev.berth.runtime.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts conmon, which detaches, runs {@code <runtime> create} and then monitors the container: it
 * owns its stdio, writes the k8s-file log and the exit file, and outlives the engine.
 *
 * <p>conmon reports the container's pid on its sync pipe (fd 3). Java cannot hand a child extra
 * descriptors, so a {@code /bin/sh} wrapper points fd 3 at a regular file, which berth polls for
 * the first line; a file also survives the engine dying before it read it.
 */
public final class ConmonLauncher {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

  private final Path conmon;
  private final ProcessRunner runner;

  public ConmonLauncher(Path conmon, ProcessRunner runner) {
    this.conmon = conmon;
    this.runner = runner;
  }

  /** Where Debian installs conmon. */
  public static Path defaultBinary() {
    return Path.of("/usr/bin/conmon");
  }

  /**
   * Launches conmon for {@code id} and returns the pid of the created (not yet started) container.
   */
  public int create(
      RuntimeDriver driver, String id, MonitorPaths paths, boolean terminal, boolean stdin)
      throws EngineException {
    return create(driver, id, paths, terminal, stdin, false);
  }

  /**
   * As {@link #create(RuntimeDriver, String, MonitorPaths, boolean, boolean)}; with {@code
   * stdinOnce} the container's stdin closes when the attached client's stdin ends.
   */
  public int create(
      RuntimeDriver driver,
      String id,
      MonitorPaths paths,
      boolean terminal,
      boolean stdin,
      boolean stdinOnce)
      throws EngineException {
    String what = "conmon " + driver.runtime().name() + " create " + id;
    try {
      Files.createDirectories(paths.exitDir());
      Files.createDirectories(paths.persistDir());
      Files.createDirectories(paths.socketDir());
      Files.createDirectories(paths.log().getParent());
      Files.deleteIfExists(paths.syncFile());
      Files.deleteIfExists(paths.exitFile(id));
      launch(
          what,
          arguments(driver.runtime(), id, paths, terminal, stdin, stdinOnce),
          paths.bundle(),
          paths.syncFile());
      return awaitPid(what, paths.syncFile());
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, what + ": " + e.getMessage(), e);
    }
  }

  /**
   * Starts an exec session under conmon ({@code --exec}): needed for a tty, which plain {@code
   * exec} cannot give without a console socket. conmon writes the process's output to {@code
   * sessionDir/log} and its exit code to {@code sessionDir/<containerId>}; returns the pid.
   */
  public int exec(
      RuntimeDriver driver,
      String containerId,
      Path bundle,
      Path socketDir,
      Path sessionDir,
      Path processSpec,
      boolean terminal)
      throws EngineException {
    String sessionId = sessionDir.getFileName().toString();
    String what = "conmon " + driver.runtime().name() + " exec " + containerId;
    List<String> args = new ArrayList<>();
    args.add(conmon.toString());
    args.addAll(List.of("--api-version", "1", "-c", containerId, "-u", sessionId));
    args.addAll(List.of("-n", containerId, "-r", driver.runtime().binary().toString()));
    args.addAll(List.of("-b", bundle.toString()));
    args.addAll(List.of("-p", sessionDir.resolve("pid").toString()));
    args.addAll(List.of("-l", "k8s-file:" + sessionDir.resolve("log")));
    args.addAll(List.of("--exit-dir", sessionDir.toString()));
    args.addAll(List.of("--socket-dir-path", socketDir.toString()));
    args.addAll(List.of("--runtime-arg", "--root=" + driver.runtime().stateRoot()));
    args.addAll(List.of("--exec", "--exec-process-spec", processSpec.toString()));
    if (terminal) {
      args.add("-t");
    }
    try {
      Files.createDirectories(sessionDir);
      Files.createDirectories(socketDir);
      Path sync = sessionDir.resolve("sync");
      launch(what, args, sessionDir, sync);
      return awaitPid(what, sync);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, what + ": " + e.getMessage(), e);
    }
  }

  private void launch(String what, List<String> conmonArgs, Path workDir, Path syncFile)
      throws IOException, EngineException {
    List<String> argv = new ArrayList<>();
    argv.add("/bin/sh");
    argv.add("-c");
    // conmon writes its oom file into its working directory: make that the bundle
    argv.add("cd \"$BERTH_WORKDIR\" && exec \"$@\" 3>\"$BERTH_SYNC_FILE\"");
    argv.add("sh");
    argv.addAll(conmonArgs);
    ProcessRunner.ProcessResult result =
        runner.run(
            argv,
            Map.of(
                "_OCI_SYNCPIPE",
                "3",
                "TZ",
                "UTC",
                "BERTH_SYNC_FILE",
                syncFile.toString(),
                "BERTH_WORKDIR",
                workDir.toString()),
            null,
            SYNC_TIMEOUT);
    if (result.exitCode() != 0) {
      throw new EngineException(
          ErrorKind.INTERNAL, what + ": exit " + result.exitCode() + ": " + result.diagnostic());
    }
  }

  /** conmon's command line for creating {@code id}. */
  List<String> arguments(
      OciRuntime runtime, String id, MonitorPaths paths, boolean terminal, boolean stdin) {
    return arguments(runtime, id, paths, terminal, stdin, false);
  }

  /** conmon's command line; {@code stdinOnce} lets a client's end of input close stdin. */
  List<String> arguments(
      OciRuntime runtime,
      String id,
      MonitorPaths paths,
      boolean terminal,
      boolean stdin,
      boolean stdinOnce) {
    List<String> args = new ArrayList<>();
    args.add(conmon.toString());
    args.addAll(List.of("--api-version", "1", "-c", id, "-u", id, "-n", id));
    args.addAll(List.of("-r", runtime.launcher().toString()));
    args.addAll(List.of("-b", paths.bundle().toString()));
    args.addAll(List.of("-p", paths.containerPidFile().toString()));
    args.addAll(List.of("-P", paths.conmonPidFile().toString()));
    args.addAll(List.of("-l", "k8s-file:" + paths.log()));
    args.addAll(List.of("--exit-dir", paths.exitDir().toString()));
    args.addAll(List.of("--persist-dir", paths.persistDir().toString()));
    args.addAll(List.of("--socket-dir-path", paths.socketDir().toString()));
    args.addAll(List.of("--runtime-arg", "--root=" + runtime.stateRoot()));
    if (terminal) {
      args.add("-t");
    }
    if (stdin) {
      // the container's stdin stays open (fed through the attach socket) instead of /dev/null
      args.add("-i");
      if (!stdinOnce) {
        args.add("--leave-stdin-open");
      }
    }
    return args;
  }

  private static int awaitPid(String what, Path syncFile) throws EngineException, IOException {
    long deadline = System.nanoTime() + SYNC_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String text = Files.exists(syncFile) ? Files.readString(syncFile) : "";
      int newline = text.indexOf('\n');
      String line = newline >= 0 ? text.substring(0, newline) : text;
      if (!line.isBlank() && line.trim().endsWith("}")) {
        JsonNode node = JSON.readTree(line);
        int pid = node.path("data").asInt(-1);
        if (pid <= 0) {
          throw new EngineException(
              ErrorKind.INTERNAL, what + ": " + node.path("message").asText("no pid reported"));
        }
        return pid;
      }
      sleep();
    }
    throw new EngineException(
        ErrorKind.UNAVAILABLE, what + ": no pid on the sync pipe after " + SYNC_TIMEOUT);
  }

  private static void sleep() throws EngineException {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(ErrorKind.UNAVAILABLE, "interrupted waiting for conmon", e);
    }
  }
}
