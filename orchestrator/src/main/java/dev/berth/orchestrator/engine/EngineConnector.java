package dev.berth.orchestrator.engine;

import dev.berth.orchestrator.BerthException;
import dev.berth.runtime.api.EngineClient;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a berth command that needs the engine gets a client: the {@linkplain EngineAddress address}
 * it resolves to, with berthd started first when that is berthd's own socket and nothing answers.
 */
public final class EngineConnector {
  /** How long a command waits for an engine it started (a cold JVM plus berthd's start-up). */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final DaemonStarter starter;

  public EngineConnector(DaemonStarter starter) {
    this.starter = starter;
  }

  /** The connector of a CLI process with this environment. */
  public static EngineConnector forThisProcess(Map<String, String> env) {
    return new EngineConnector(
        new DaemonStarter(DaemonLauncher.forThisProcess(env), START_TIMEOUT));
  }

  /**
   * A client for {@code address}, starting berthd on {@code paths} if the address is the default
   * and nothing answers; {@code notices} hears what the user should know (DOCKER_HOST ignored,
   * berthd started).
   */
  public EngineClient connect(
      EngineAddress address,
      DaemonPaths paths,
      Map<String, String> env,
      Duration timeout,
      Consumer<String> notices)
      throws BerthException {
    announce(address, env, notices);
    if (address.autoStarts()) {
      DaemonStarter.Outcome outcome =
          starter.ensureRunning(new DaemonPaths(paths.root(), paths.execRoot(), address.socket()));
      if (outcome.started()) {
        notices.accept("started berthd (pid " + outcome.pid() + ") on " + address.socket());
      }
    }
    try {
      return EngineClient.forUnixSocket(address.socket(), timeout);
    } catch (EngineException e) {
      throw new BerthException(ErrorKind.INTERNAL, e.getMessage(), e);
    }
  }

  /**
   * A client for {@code address} when an engine answers there already, its API version negotiated;
   * empty when nothing answers (or anything else goes wrong: {@link #connect} then says what).
   * Never starts berthd and says nothing, so a command may call it while it still loads its
   * project, which may yet fail.
   */
  public Optional<EngineClient> connectIfAnswering(EngineAddress address, Duration timeout) {
    if (!Files.exists(address.socket())) {
      return Optional.empty();
    }
    EngineClient client;
    try {
      client = EngineClient.forUnixSocket(address.socket(), timeout);
    } catch (EngineException e) {
      return Optional.empty();
    }
    try {
      client.apiVersion();
      return Optional.of(client);
    } catch (EngineException | RuntimeException e) {
      client.close();
      return Optional.empty();
    }
  }

  /** What the user should know about {@code address} before berth uses it. */
  public static void announce(
      EngineAddress address, Map<String, String> env, Consumer<String> notices) {
    if (address.source() == EngineAddress.Source.DEFAULT && env.containsKey("DOCKER_HOST")) {
      notices.accept(
          "DOCKER_HOST is set but berth drives berthd; pass --host "
              + env.get("DOCKER_HOST")
              + " (or set BERTH_HOST) to use that engine");
    }
  }
}
