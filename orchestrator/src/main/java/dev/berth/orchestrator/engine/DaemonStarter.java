package dev.berth.orchestrator.engine;

import dev.berth.orchestrator.BerthException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes sure a berthd answers on a socket: if none does, starts one in the background and waits for
 * {@code /_ping}. A lock file beside the socket (and a lock per JVM) lets only one of several
 * concurrent callers start it; the others wait for that one.
 */
public final class DaemonStarter {
  private static final Map<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();
  private static final Duration POLL = Duration.ofMillis(50);

  private final DaemonLauncher launcher;
  private final Duration timeout;

  public DaemonStarter(DaemonLauncher launcher, Duration timeout) {
    this.launcher = launcher;
    this.timeout = timeout;
  }

  /** What {@link #ensureRunning} found or did. */
  public record Outcome(boolean started, long pid) {}

  /** Returns once an engine answers on {@code paths.socket()}, starting berthd if needed. */
  public Outcome ensureRunning(DaemonPaths paths) throws BerthException {
    try (EngineProbe probe = EngineProbe.of(paths.socket())) {
      if (probe.answers()) {
        return new Outcome(false, -1);
      }
      ReentrantLock local = IN_THIS_JVM.computeIfAbsent(paths.socket(), s -> new ReentrantLock());
      local.lock();
      try (FileChannel channel = openLock(paths);
          FileLock ignored = channel.lock()) {
        if (probe.answers()) {
          return new Outcome(false, -1);
        }
        return new Outcome(true, startAndWait(paths, probe));
      } catch (IOException e) {
        throw new BerthException(
            ErrorKind.UNAVAILABLE, "locking " + paths.startLock() + ": " + e.getMessage(), e);
      } finally {
        local.unlock();
      }
    }
  }

  private long startAndWait(DaemonPaths paths, EngineProbe probe) throws BerthException {
    createRoot(paths.root());
    List<String> command = launcher.commandFor(paths);
    Process process;
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(ProcessBuilder.Redirect.appendTo(paths.consoleLog().toFile()))
              .redirectErrorStream(true);
      builder.environment().putAll(launcher.environment());
      process = builder.start();
    } catch (IOException e) {
      throw new BerthException(
          ErrorKind.UNAVAILABLE, "starting berthd (" + command.get(0) + "): " + e.getMessage(), e);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (probe.answers()) {
        return process.pid();
      }
      if (!process.isAlive()) {
        throw new BerthException(
            ErrorKind.UNAVAILABLE,
            "berthd exited with code "
                + process.exitValue()
                + " before answering on "
                + paths.socket()
                + consoleTail(paths));
      }
      sleep();
    }
    throw new BerthException(
        ErrorKind.UNAVAILABLE,
        "berthd (pid "
            + process.pid()
            + ") did not answer on "
            + paths.socket()
            + " within "
            + timeout.toSeconds()
            + " s; it keeps running, see "
            + paths.root().resolve("berthd.log"));
  }

  private static FileChannel openLock(DaemonPaths paths) throws IOException {
    Files.createDirectories(paths.startLock().getParent());
    return FileChannel.open(paths.startLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private static void createRoot(Path root) throws BerthException {
    try {
      if (!Files.isDirectory(root)) {
        Files.createDirectories(root.getParent());
        Files.createDirectory(root);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x---"));
      }
    } catch (IOException e) {
      throw new BerthException(
          ErrorKind.UNAVAILABLE, "creating berthd's root " + root + ": " + e.getMessage(), e);
    }
  }

  private static String consoleTail(DaemonPaths paths) {
    try {
      List<String> lines = Files.readAllLines(paths.consoleLog(), StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
      return tail.isEmpty() ? "" : ": " + String.join(" / ", tail);
    } catch (IOException e) {
      return "";
    }
  }

  private static void sleep() throws BerthException {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BerthException(ErrorKind.UNAVAILABLE, "interrupted while starting berthd", e);
    }
  }
}
