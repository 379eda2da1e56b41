package dev.berth.runtime.container;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.health.ProbeResult;
import dev.berth.runtime.log.LogEntry;
import dev.berth.runtime.log.LogFiles;
import dev.berth.runtime.log.LogQuery;
import dev.berth.runtime.log.LogReader;
import dev.berth.runtime.oci.AttachedExecCall;
import dev.berth.runtime.oci.ConmonLauncher;
import dev.berth.runtime.oci.ExecCall;
import dev.berth.runtime.oci.ProcessRunner;
import dev.berth.runtime.oci.PsCall;
import dev.berth.runtime.oci.RuntimeDriver;
import dev.berth.runtime.oci.RuntimeSpec;
import dev.berth.runtime.oci.SpecJson;
import dev.berth.runtime.state.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Exec and top: an extra process gets the container's process settings (env, user, cwd,
 * capabilities) with the exec's overrides; the runtime's {@code exec} exits with its code.
 */
final class ContainerExec {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ConmonLauncher conmon;

  ContainerExec(ConmonLauncher conmon) {
    this.conmon = conmon;
  }

  ExecResult run(
      RuntimeDriver driver, String runtimeId, ContainerPaths paths, ExecSpec spec, Duration timeout)
      throws EngineException {
    Path processFile = paths.bundle().resolve("exec-" + UUID.randomUUID() + ".json");
    try {
      writeProcess(paths, spec, processFile);
      if (spec.tty()) {
        return underConmon(driver, runtimeId, paths, processFile, timeout);
      }
      ProcessRunner.ProcessResult result =
          driver.run(new ExecCall(runtimeId, processFile), timeout);
      return new ExecResult(result.exitCode(), result.stdout(), result.stderr());
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "exec in " + runtimeId + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(processFile);
      } catch (IOException e) {
        // the bundle goes with the container anyway
      }
    }
  }

  /** Writes the process spec of {@code spec}: the container's process with the exec's overrides. */
  private static void writeProcess(ContainerPaths paths, ExecSpec spec, Path processFile)
      throws EngineException, IOException {
    RuntimeSpec config = SpecJson.read(Files.readAllBytes(paths.bundle().resolve("config.json")));
    RuntimeSpec.Process base = config.process();
    RuntimeSpec.User user = base.user();
    String home = "/";
    if (!spec.user().isEmpty()) {
      ResolvedUser resolved =
          UserResolver.forRootfs(paths.rootfs()).resolve(spec.user(), List.of());
      user =
          new RuntimeSpec.User(
              resolved.uid(),
              resolved.gid(),
              resolved.additionalGids().isEmpty() ? null : resolved.additionalGids());
      home = resolved.home();
    }
    List<String> env = new ArrayList<>(base.env());
    if (!spec.user().isEmpty()) {
      env.removeIf(e -> e.startsWith("HOME="));
      env.add("HOME=" + home);
    }
    List<String> merged = EnvMerger.merge(env, spec.env(), config.hostname(), false, home);
    RuntimeSpec.Process process =
        new RuntimeSpec.Process(
            spec.tty(),
            user,
            spec.command(),
            merged,
            spec.workingDir().isEmpty() ? base.cwd() : spec.workingDir(),
            base.capabilities(),
            base.rlimits(),
            base.noNewPrivileges(),
            null);
    Files.write(processFile, JSON.writeValueAsBytes(process));
  }

  /**
   * Starts {@code spec} with its stdio held by the caller as {@code io} says. With a terminal the
   * runtime gives the process a pty of its own and relays it to the stdio.
   */
  ExecProcess start(
      RuntimeDriver driver, String runtimeId, ContainerPaths paths, ExecSpec spec, ExecIo io)
      throws EngineException {
    String name = "exec-" + UUID.randomUUID();
    Path processFile = paths.bundle().resolve(name + ".json");
    Path pidFile = paths.bundle().resolve(name + ".pid");
    try {
      writeProcess(paths, spec, processFile);
      List<String> argv = driver.argv(new AttachedExecCall(runtimeId, processFile, pidFile));
      ProcessBuilder builder = new ProcessBuilder(spec.tty() ? underTerminal(argv) : argv);
      java.io.File devNull = Path.of("/dev/null").toFile();
      if (io != ExecIo.STDIN_AND_OUTPUT) {
        builder.redirectInput(ProcessBuilder.Redirect.from(devNull));
      }
      if (io == ExecIo.DETACHED) {
        builder.redirectOutput(ProcessBuilder.Redirect.to(devNull));
        builder.redirectError(ProcessBuilder.Redirect.to(devNull));
      }
      builder.redirectErrorStream(spec.tty() && io != ExecIo.DETACHED);
      return new ExecProcess(builder.start(), processFile, pidFile, spec.tty());
    } catch (IOException e) {
      try {
        Files.deleteIfExists(processFile);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw new EngineException(
          ErrorKind.INTERNAL, "exec in " + runtimeId + ": " + e.getMessage(), e);
    }
  }

  /**
   * The runtime relays a terminal exec only from a terminal of its own: util-linux {@code script}
   * (Debian's essential bsdutils) gives it one and relays that to our pipes, keeping its exit code.
   */
  private static List<String> underTerminal(List<String> argv) {
    StringBuilder command = new StringBuilder();
    for (String arg : argv) {
      command.append(command.length() == 0 ? "" : " ").append(quote(arg));
    }
    return List.of("script", "--quiet", "--return", "--command", command.toString(), "/dev/null");
  }

  private static String quote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  /** A tty exec: conmon gives the process its terminal, logs its output and writes its exit. */
  private ExecResult underConmon(
      RuntimeDriver driver,
      String runtimeId,
      ContainerPaths paths,
      Path processFile,
      Duration timeout)
      throws EngineException, IOException {
    Path session = paths.bundle().resolve("exec-" + UUID.randomUUID().toString().substring(0, 8));
    try {
      int pid =
          conmon.exec(
              driver,
              runtimeId,
              paths.bundle(),
              paths.monitor().socketDir(),
              session,
              processFile,
              true);
      Path exitFile = session.resolve(runtimeId);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!Files.exists(exitFile)) {
        if (System.nanoTime() > deadline) {
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
          throw new EngineException(
              ErrorKind.UNAVAILABLE, "exec in " + runtimeId + ": still running after " + timeout);
        }
        sleep();
      }
      int code = ConmonProcess.exitCode(exitFile);
      StringBuilder out = new StringBuilder();
      for (LogEntry entry :
          new LogReader(new LogFiles(session.resolve("log"), 1)).read(LogQuery.ALL)) {
        out.append(entry.written());
      }
      return new ExecResult(code, out.toString(), "");
    } finally {
      FileTrees.deleteTree(session);
    }
  }

  private static void sleep() throws EngineException {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(ErrorKind.UNAVAILABLE, "interrupted waiting for an exec", e);
    }
  }

  ProbeResult probe(
      RuntimeDriver driver,
      ContainerRecord record,
      ContainerPaths paths,
      List<String> command,
      Duration timeout,
      Clock clock) {
    Instant start = clock.instant();
    try {
      ExecResult result =
          run(driver, record.runtimeId(), paths, new ExecSpec(command, List.of(), "", ""), timeout);
      return new ProbeResult(
          start, clock.instant(), result.exitCode(), result.stdout() + result.stderr());
    } catch (EngineException e) {
      return new ProbeResult(start, clock.instant(), -1, e.getMessage());
    }
  }

  List<String> top(RuntimeDriver driver, String runtimeId) throws EngineException {
    ProcessRunner.ProcessResult result = driver.run(new PsCall(runtimeId));
    List<String> lines = new ArrayList<>();
    try {
      for (var node : JSON.readTree(result.stdout())) {
        long pid = node.asLong();
        Path cmdline = Path.of("/proc", Long.toString(pid), "cmdline");
        String command =
            Files.exists(cmdline)
                ? new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8)
                    .replace('\0', ' ')
                    .trim()
                : "";
        lines.add(pid + " " + command);
      }
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "top " + runtimeId + ": " + e.getMessage(), e);
    }
    return lines;
  }
}
