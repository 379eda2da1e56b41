package dev.berth.orchestrator.engine;

import dev.berth.orchestrator.BerthException;
import dev.berth.runtime.api.ErrorKind;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The engine berth drives: {@code --host}, else {@code BERTH_HOST}, else berthd's own socket (the
 * only one berth starts on demand). Accepts {@code unix:///path} or a plain absolute path.
 */
public record EngineAddress(Path socket, Source source) {

  /** Where the address came from. */
  public enum Source {
    OPTION,
    ENVIRONMENT,
    DEFAULT
  }

  public EngineAddress {
    Objects.requireNonNull(socket, "socket");
    Objects.requireNonNull(source, "source");
  }

  /** Resolves the address from {@code --host} ({@code option}, may be null) and the environment. */
  public static EngineAddress resolve(String option, Map<String, String> env, DaemonPaths paths)
      throws BerthException {
    if (option != null) {
      return new EngineAddress(parse(option, "--host"), Source.OPTION);
    }
    String fromEnv = env.get("BERTH_HOST");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new EngineAddress(parse(fromEnv, "BERTH_HOST"), Source.ENVIRONMENT);
    }
    return new EngineAddress(paths.socket(), Source.DEFAULT);
  }

  /** Whether berth may start berthd here when nothing answers. */
  public boolean autoStarts() {
    return source == Source.DEFAULT;
  }

  /** {@code unix:///run/x.sock} or {@code /run/x.sock}; {@code what} names the setting. */
  static Path parse(String text, String what) throws BerthException {
    String path = text.startsWith("unix://") ? text.substring("unix://".length()) : text;
    if (path.isEmpty() || !path.startsWith("/")) {
      throw new BerthException(
          ErrorKind.INVALID_ARGUMENT,
          what
              + ": \""
              + text
              + "\" is not a unix socket; give unix:///path/to.sock or an absolute path"
              + " (berth speaks to engines on unix sockets only)");
    }
    return Path.of(path).normalize();
  }
}
