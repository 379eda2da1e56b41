package dev.berth.orchestrator.engine;

import dev.berth.runtime.api.EngineException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What compose needs from a container engine. Removals of what is already gone succeed, so teardown
 * stays idempotent.
 */
public interface Engine extends AutoCloseable {

  /** Which engine answers, e.g. {@code Docker Engine - Community 20.10.24}. */
  String describe() throws EngineException;

  /**
   * Containers carrying every label of {@code labels} ({@code key=value}); {@code all} includes
   * stopped ones.
   */
  List<ContainerInfo> containers(List<String> labels, boolean all) throws EngineException;

  /** The container's state, or empty when it does not exist. */
  Optional<ContainerState> inspect(String idOrName) throws EngineException;

  /** Creates container {@code name}, returning its id. */
  String create(String name, ContainerSpec spec) throws EngineException;

  /** Connects container {@code id} to {@code network} with {@code aliases}. */
  void connect(String network, String id, List<String> aliases) throws EngineException;

  void start(String id) throws EngineException;

  /** Stops with SIGTERM (or the stop signal), then SIGKILL after {@code grace}. */
  void stop(String id, Duration grace) throws EngineException;

  void kill(String id, String signal) throws EngineException;

  /** Removes the container, with its anonymous volumes when {@code volumes}. */
  void remove(String id, boolean force, boolean volumes) throws EngineException;

  /** Blocks until the container stops; its exit code. */
  int waitExit(String id) throws EngineException;

  /** Networks carrying every label of {@code labels}. */
  List<ResourceInfo> networks(List<String> labels) throws EngineException;

  Optional<ResourceInfo> network(String name) throws EngineException;

  void createNetwork(String name, String driver, boolean internal, Map<String, String> labels)
      throws EngineException;

  void removeNetwork(String name) throws EngineException;

  /** Volumes carrying every label of {@code labels}. */
  List<ResourceInfo> volumes(List<String> labels) throws EngineException;

  Optional<ResourceInfo> volume(String name) throws EngineException;

  void createVolume(String name, String driver, Map<String, String> labels) throws EngineException;

  void removeVolume(String name) throws EngineException;

  /** The image's id when the engine has {@code reference}. */
  Optional<String> imageId(String reference) throws EngineException;

  /** Pulls {@code reference}, reporting each progress status line. */
  void pull(String reference, Consumer<String> progress) throws EngineException;

  /**
   * Streams the container's output to {@code sink} until it ends (or forever with {@code follow},
   * until the container stops). {@code tail} is a line count or {@code all}.
   */
  void logs(
      String id,
      boolean tty,
      boolean follow,
      String tail,
      boolean timestamps,
      Consumer<LogLine> sink)
      throws EngineException, IOException;

  void pause(String id) throws EngineException;

  void unpause(String id) throws EngineException;

  /**
   * Runs {@code command} in the running container {@code id} without a TTY, streaming its output to
   * {@code sink}; its exit code.
   */
  int exec(String id, ExecSpec spec, Consumer<LogLine> sink) throws EngineException, IOException;

  /** {@code ps}-style process table: titles first, then one row per process. */
  List<List<String>> top(String id) throws EngineException;

  /** Image id, size and creation time of {@code reference}, when present. */
  Optional<ImageInfo> image(String reference) throws EngineException;

  /**
   * Builds {@code spec}'s image from its context, handing each output line to {@code output}; the
   * new image's id. A failing build throws with the failing step's message.
   */
  default String build(BuildSpec spec, Consumer<String> output) throws EngineException {
    throw new EngineException(
        dev.berth.runtime.api.ErrorKind.UNSUPPORTED, describe() + " cannot build images");
  }

  @Override
  void close();
}
