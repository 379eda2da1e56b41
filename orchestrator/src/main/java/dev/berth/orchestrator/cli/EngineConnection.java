package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.DockerApiEngine;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.engine.RegistryLogins;
import dev.berth.runtime.api.EngineClient;

/**
 * The engine a compose command drives, through {@link BerthCommand#engine()}: {@code --host}, else
 * {@code BERTH_HOST}, else berthd's own socket, where berthd is started on demand. {@code
 * DOCKER_HOST} is not used; berth says so when it is set. Pulls carry the caller's registry logins
 * (config.json), as the docker CLI sends them.
 */
final class EngineConnection {
  private EngineConnection() {}

  static Engine open(BerthCommand root) throws BerthException {
    return of(root, root.engine());
  }

  /** The engine of a connection begun early ({@link BerthCommand#engineEarly()}). */
  static Engine open(BerthCommand root, EarlyEngine early) throws BerthException {
    return of(root, early.finish());
  }

  private static Engine of(BerthCommand root, EngineClient client) {
    return new DockerApiEngine(client, RegistryLogins.of(root.host().env()));
  }
}
