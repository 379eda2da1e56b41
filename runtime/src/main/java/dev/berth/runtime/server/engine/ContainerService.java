package dev.berth.runtime.server.engine;

import dev.berth.runtime.api.EngineException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the {@code /containers} endpoints need from the engine. Containers are named by ID, ID
 * prefix or name; an unknown one is a NOT_FOUND, a wrong state a CONFLICT.
 */
public interface ContainerService {
  /** Creates a container and returns its full ID. */
  String create(ContainerSpec spec) throws EngineException;

  /** Starts a created or stopped container; false if it was running already. */
  boolean start(String container) throws EngineException;

  /**
   * Stops it: {@code signal} (else its stop signal), then SIGKILL after {@code timeout}; false if
   * it was not running.
   */
  boolean stop(String container, Optional<Duration> timeout, Optional<String> signal)
      throws EngineException;

  /** Stops and starts it again. */
  void restart(String container, Optional<Duration> timeout) throws EngineException;

  /** Sends {@code signal} to a running container. */
  void kill(String container, String signal) throws EngineException;

  /** Completes when the container reaches {@code condition}; fails NOT_FOUND at once if unknown. */
  CompletionStage<ExitStatus> await(String container, WaitCondition condition)
      throws EngineException;

  /** Prepares an attachment; its output starts flowing from the moment this returns. */
  ContainerAttachment attach(String container, AttachOptions options) throws EngineException;

  /** Sets the size of a TTY container's terminal, in characters. */
  void resize(String container, int height, int width) throws EngineException;

  /** Removes a container; a running one only with {@code force}. */
  default void remove(String container, boolean force) throws EngineException {
    remove(container, force, false);
  }

  /** Removes a container, and its anonymous volumes with {@code volumes}. */
  void remove(String container, boolean force, boolean volumes) throws EngineException;

  /** What inspect shows. */
  ContainerDetails inspect(String container) throws EngineException;

  /**
   * What a client's inspect shows: as {@link #inspect}, and a starting container's health is probed
   * early from now on, as somebody is likely waiting for it.
   */
  default ContainerDetails inspectAwaitingHealth(String container) throws EngineException {
    return inspect(container);
  }

  /** Every container, newest first. */
  List<ContainerDetails> list();

  /** Sends the container's log lines to {@code sink}; with follow, until it stops. */
  void logs(String container, LogOptions options, LogSink sink)
      throws EngineException, InterruptedException;

  /** How many containers there are in each state, for {@code /info}. */
  ContainerCounts counts();
}
