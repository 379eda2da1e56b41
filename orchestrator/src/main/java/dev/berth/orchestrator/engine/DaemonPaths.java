package dev.berth.orchestrator.engine;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where a berthd keeps its state ({@code root}) and runtime files ({@code execRoot}), and the
 * socket it serves on. Defaults as berthd's: {@code /var/lib/berth}, {@code /run/berth}, {@code
 * <execRoot>/berth.sock}; {@code BERTH_ROOT} and {@code BERTH_EXEC_ROOT} move them (tests do).
 */
public record DaemonPaths(Path root, Path execRoot, Path socket) {
  public static final Path DEFAULT_ROOT = Path.of("/var/lib/berth");
  public static final Path DEFAULT_EXEC_ROOT = Path.of("/run/berth");
  static final String SOCKET_NAME = "berth.sock";

  public DaemonPaths {
    root = root.toAbsolutePath().normalize();
    execRoot = execRoot.toAbsolutePath().normalize();
    socket =
        Objects.requireNonNullElse(socket, execRoot.resolve(SOCKET_NAME))
            .toAbsolutePath()
            .normalize();
  }

  /** The paths the environment asks for, each overridden by a non-null argument. */
  public static DaemonPaths of(Map<String, String> env, Path root, Path execRoot, Path socket) {
    Path r = root != null ? root : fromEnv(env, "BERTH_ROOT", DEFAULT_ROOT);
    Path e = execRoot != null ? execRoot : fromEnv(env, "BERTH_EXEC_ROOT", DEFAULT_EXEC_ROOT);
    return new DaemonPaths(r, e, socket);
  }

  /** The file that keeps two CLIs from starting two daemons on this socket at once. */
  Path startLock() {
    return socket.resolveSibling(socket.getFileName() + ".start.lock");
  }

  /** What berthd prints before its own log is open (bad options, a JVM that cannot start). */
  Path consoleLog() {
    return root.resolve("berthd.out");
  }

  /** The lock file berthd holds on its root, with its pid inside. */
  Path daemonLock() {
    return root.resolve("berthd.lock");
  }

  private static Path fromEnv(Map<String, String> env, String name, Path fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : Path.of(value);
  }
}
