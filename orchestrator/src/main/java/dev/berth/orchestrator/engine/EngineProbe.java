package dev.berth.orchestrator.engine;

import dev.berth.orchestrator.BerthException;
import dev.berth.runtime.api.EngineClient;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.nio.file.Path;
import java.time.Duration;

/** Asks a socket whether an engine answers {@code /_ping} there, reusing one client. */
final class EngineProbe implements AutoCloseable {
  private final EngineClient client;

  private EngineProbe(EngineClient client) {
    this.client = client;
  }

  static EngineProbe of(Path socket) throws BerthException {
    try {
      return new EngineProbe(EngineClient.forUnixSocket(socket, Duration.ofSeconds(5)));
    } catch (EngineException e) {
      throw new BerthException(ErrorKind.INTERNAL, e.getMessage(), e);
    }
  }

  /** Whether an engine answers; an absent or dead socket is simply "no". */
  boolean answers() {
    try {
      client.ping();
      return true;
    } catch (EngineException e) {
      return false;
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
