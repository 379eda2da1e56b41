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
  void connect(String network, String id, List<String> aliases, String ipv4Address)
      throws EngineException;

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

  void createNetwork(String name, NetworkSettings settings, Map<String, String> labels)
      throws EngineException;

  void removeNetwork(String name) throws EngineException;

  /** Volumes carrying every label of {@code labels}. */
  List<ResourceInfo> volumes(List<String> labels) throws EngineException;

  Optional<ResourceInfo> volume(String name) throws EngineException;

  void createVolume(
      String name, String driver, Map<String, String> driverOpts, Map<String, String> labels)
      throws EngineException;

  void removeVolume(String name) throws EngineException;

  /** Removes the image {@code reference} (untags it, as {@code docker rmi}); gone is fine. */
  void removeImage(String reference) throws EngineException;

  /** The image's id when the engine has {@code reference}. */
  Optional<String> imageId(String reference) throws EngineException;

  /** Pulls {@code reference}, reporting each progress status line. */
  void pull(String reference, Consumer<String> progress) throws EngineException;

  /**
   * Streams the container's output to {@code sink} until it ends (or forever with {@code follow},
   * until the container stops). {@code tail} is a line count or {@code all}.
   */
  default void logs(
      String id,
      boolean tty,
      boolean follow,
      String tail,
      boolean timestamps,
      Consumer<LogLine> sink)
      throws EngineException, IOException {
    logs(id, tty, follow, tail, timestamps, null, null, sink);
  }

  /**
   * As above, from {@code since} and up to {@code until} (Unix seconds with a fraction) when not
   * null.
   */
  void logs(
      String id,
      boolean tty,
      boolean follow,
      String tail,
      boolean timestamps,
      String since,
      String until,
      Consumer<LogLine> sink)
      throws EngineException, IOException;

  /**
   * Streams events of objects carrying {@code labels} between {@code since} and {@code until} (Unix
   * seconds, or null for now / forever) until {@code listener} returns false.
   */
  void events(
      List<String> labels,
      String since,
      String until,
      java.util.function.Predicate<EngineEvent> listener)
      throws EngineException;

  /**
   * {@code path} of the container as a tar stream whose entries start with the path's last name;
   * the caller closes it.
   */
  java.io.InputStream copyFrom(String id, String path) throws EngineException;

  /** Extracts tar {@code archive} into the container's filesystem at {@code dir}. */
  void copyTo(String id, String dir, byte[] archive) throws EngineException;

  void pause(String id) throws EngineException;

  void unpause(String id) throws EngineException;

  /**
   * Attaches to the created, not yet started container {@code id} (its output from the start, and
   * with {@code stdin} its standard input, as {@code docker compose run} does); {@code onAttached}
   * then starts it. Returns when the container's output ends.
   */
  void attach(
      String id,
      java.io.InputStream stdin,
      java.io.OutputStream out,
      java.io.OutputStream err,
      Attached onAttached)
      throws EngineException, IOException;

  /** What runs once a client is attached: typically starting the container. */
  @FunctionalInterface
  interface Attached {
    void run() throws EngineException;
  }

  /**
   * Runs {@code spec} in the running container {@code id} without a TTY, its stdout and stderr
   * copied byte for byte to {@code out} and {@code err}; its exit code. With {@code stdin}, that is
   * the process's standard input, closed when it ends (as {@code docker compose exec -T} pipes it).
   */
  int exec(
      String id,
      ExecSpec spec,
      java.io.InputStream stdin,
      java.io.OutputStream out,
      java.io.OutputStream err)
      throws EngineException, IOException;

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
