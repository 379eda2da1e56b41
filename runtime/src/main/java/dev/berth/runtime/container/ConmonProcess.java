package dev.berth.runtime.container;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.oci.MonitorPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What berth reads of a container's conmon: its process (by pid file) and its exit file. */
final class ConmonProcess {
  private ConmonProcess() {}

  /** The running conmon of {@code monitor}, checked to be conmon (pids get reused). */
  static Optional<ProcessHandle> of(MonitorPaths monitor) {
    try {
      if (!Files.exists(monitor.conmonPidFile())) {
        return Optional.empty();
      }
      long pid = Long.parseLong(Files.readString(monitor.conmonPidFile()).trim());
      return ProcessHandle.of(pid)
          .filter(p -> p.info().command().map(c -> c.endsWith("conmon")).orElse(false));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  static boolean alive(MonitorPaths monitor) {
    return of(monitor).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Waits for conmon to go after its container was deleted; kills it (berth started it) if not. */
  static void awaitExit(MonitorPaths monitor) {
    Optional<ProcessHandle> handle = of(monitor);
    if (handle.isEmpty()) {
      return;
    }
    try {
      handle.get().onExit().get(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      handle.get().destroyForcibly();
    }
  }

  /** The exit code conmon wrote. */
  static int exitCode(Path exitFile) throws EngineException {
    try {
      return Integer.parseInt(Files.readString(exitFile).trim());
    } catch (IOException | NumberFormatException e) {
      throw new EngineException(ErrorKind.INTERNAL, "reading exit file " + exitFile + ": " + e, e);
    }
  }
}
