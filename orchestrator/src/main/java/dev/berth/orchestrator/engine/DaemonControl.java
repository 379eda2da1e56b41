package dev.berth.orchestrator.engine;

import dev.berth.orchestrator.BerthException;
import dev.berth.runtime.api.EngineClient;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.EngineVersion;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.api.InfoTemplate;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Status and stop for the berthd on a socket, through the Docker API and berthd's root lock file
 * (which holds the daemon's pid while it runs). Stopping sends SIGTERM: containers keep running.
 */
public final class DaemonControl {
  private static final Duration API_TIMEOUT = Duration.ofSeconds(10);

  private final Path socket;

  public DaemonControl(Path socket) {
    this.socket = socket;
  }

  /** What the engine on the socket says about itself; UNAVAILABLE if nothing answers. */
  public EngineStatus status() throws BerthException {
    try (EngineClient client = client()) {
      EngineVersion version = client.version();
      InfoTemplate info = client.get("/info", InfoTemplate.class);
      OptionalLong pid =
          version.isBerthd() && info.rootDir() != null
              ? daemonPid(Path.of(info.rootDir()))
              : OptionalLong.empty();
      return EngineStatus.of(socket, version, info, pid);
    } catch (EngineException e) {
      throw unreachable(e);
    }
  }

  /**
   * Sends SIGTERM to the berthd on the socket and waits until it is gone; empty if none answered.
   */
  public Optional<Long> stop(Duration timeout) throws BerthException {
    EngineStatus status;
    try {
      status = status();
    } catch (BerthException e) {
      if (e.getCause() instanceof EngineException ee && ee.kind() == ErrorKind.UNAVAILABLE) {
        return Optional.empty();
      }
      throw e;
    }
    if (!status.engine().equals(EngineVersion.BERTHD)) {
      throw new BerthException(
          ErrorKind.CONFLICT,
          "the engine on "
              + socket
              + " is "
              + status.engine()
              + " "
              + status.version()
              + ", not berthd: berth only stops the berthd it starts");
    }
    long pid =
        status
            .pid()
            .orElseThrow(
                () ->
                    new BerthException(
                        ErrorKind.NOT_FOUND,
                        "berthd answers on "
                            + socket
                            + " but no berthd holds the lock in its root "
                            + status.root()
                            + ": cannot tell which process to stop"));
    ProcessHandle process =
        ProcessHandle.of(pid)
            .orElseThrow(
                () -> new BerthException(ErrorKind.NOT_FOUND, "berthd's pid " + pid + " is gone"));
    process.destroy();
    // polled: the JDK's onExit() for a process that is not our child backs off to seconds
    long deadline = System.nanoTime() + timeout.toNanos();
    while (process.isAlive()) {
      if (System.nanoTime() > deadline) {
        throw new BerthException(
            ErrorKind.UNAVAILABLE,
            "berthd (pid "
                + pid
                + ") did not stop within "
                + timeout.toSeconds()
                + " s of SIGTERM");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BerthException(ErrorKind.UNAVAILABLE, "interrupted while stopping berthd", e);
      }
    }
    return Optional.of(pid);
  }

  /**
   * The pid in {@code root}'s berthd lock file, if a process holds that lock (a stale file from a
   * stopped daemon names no one).
   */
  static OptionalLong daemonPid(Path root) throws BerthException {
    Path file = root.resolve("berthd.lock");
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      try (FileLock free = channel.tryLock(0, Long.MAX_VALUE, true)) {
        if (free != null) {
          return OptionalLong.empty();
        }
      }
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return text.matches("[0-9]{1,10}")
          ? OptionalLong.of(Long.parseLong(text))
          : OptionalLong.empty();
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    } catch (IOException e) {
      throw new BerthException(
          ErrorKind.UNAVAILABLE, "reading berthd's lock file " + file + ": " + e.getMessage(), e);
    }
  }

  private EngineClient client() throws BerthException {
    try {
      return EngineClient.forUnixSocket(socket, API_TIMEOUT);
    } catch (EngineException e) {
      throw new BerthException(ErrorKind.INTERNAL, e.getMessage(), e);
    }
  }

  private BerthException unreachable(EngineException e) {
    String hint =
        e.kind() == ErrorKind.UNAVAILABLE ? "; start berthd with 'berth engine start'" : "";
    return new BerthException(e.kind(), e.getMessage() + hint, e);
  }
}
