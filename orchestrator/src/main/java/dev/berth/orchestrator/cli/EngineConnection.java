package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.DockerApiEngine;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.engine.RegistryLogins;

/**
 * The engine a compose command drives, through {@link BerthCommand#engine()}: {@code --host}, else
 * {@code BERTH_HOST}, else berthd's own socket, where berthd is started on demand. {@code
 * DOCKER_HOST} is not used; berth says so when it is set. Pulls carry the caller's registry logins
 * (config.json), as the docker CLI sends them.
 */
final class EngineConnection {
  private EngineConnection() {}

  static Engine open(BerthCommand root) throws BerthException {
    return new DockerApiEngine(root.engine(), RegistryLogins.of(root.host().env()));
  }
}
