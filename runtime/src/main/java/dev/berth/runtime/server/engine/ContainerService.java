package dev.berth.runtime.server.engine;

import dev.berth.runtime.api.EngineException;
import java.util.concurrent.CompletionStage;

/**
 * What the {@code /containers} endpoints need from the engine. Containers are named by ID, ID
 * prefix or name; an unknown one is a NOT_FOUND, a wrong state a CONFLICT.
 */
public interface ContainerService {
  /** Creates a container and returns its full ID. */
  String create(ContainerSpec spec) throws EngineException;

  /** Starts a created or stopped container. */
  void start(String container) throws EngineException;

  /** Completes when the container reaches {@code condition}; fails NOT_FOUND at once if unknown. */
  CompletionStage<ExitStatus> await(String container, WaitCondition condition)
      throws EngineException;

  /** Prepares an attachment; its output starts flowing from the moment this returns. */
  ContainerAttachment attach(String container, AttachOptions options) throws EngineException;

  /** Sets the size of a TTY container's terminal, in characters. */
  void resize(String container, int height, int width) throws EngineException;

  /** Removes a container; a running one only with {@code force}. */
  void remove(String container, boolean force) throws EngineException;

  /** How many containers there are in each state, for {@code /info}. */
  ContainerCounts counts();
}
