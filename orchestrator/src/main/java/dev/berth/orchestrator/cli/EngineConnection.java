package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.engine.DockerApiEngine;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.runtime.api.EngineClient;
import dev.berth.runtime.api.EngineException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Which engine {@code berth} drives: {@code --host}, else {@code BERTH_HOST}, else berthd's socket
 * {@code /run/berth/berth.sock}. {@code DOCKER_HOST} is not used; berth says so when it is set.
 */
final class EngineConnection {
  static final Path BERTHD_SOCKET = Path.of("/run/berth/berth.sock");
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private EngineConnection() {}

  static Path socket(String flag, Map<String, String> env) {
    String host = flag != null ? flag : env.get("BERTH_HOST");
    if (host == null || host.isBlank()) {
      return BERTHD_SOCKET;
    }
    return Path.of(host.startsWith("unix://") ? host.substring("unix://".length()) : host);
  }

  static Engine open(String flag, Map<String, String> env, PrintWriter err) throws EngineException {
    if (flag == null && env.get("BERTH_HOST") == null && env.get("DOCKER_HOST") != null) {
      err.println(
          "berth: note: DOCKER_HOST is ignored; berth drives berthd unless --host or BERTH_HOST"
              + " names another engine");
    }
    return new DockerApiEngine(EngineClient.forUnixSocket(socket(flag, env), TIMEOUT));
  }
}
