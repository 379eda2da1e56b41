package dev.berth.orchestrator.engine;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a container is created with. {@code command}/{@code entrypoint} null means the
 * image's; {@code networks} maps each network's engine name to the aliases the container has on it,
 * in the order they are joined, {@code ipv4Addresses} a static address on some of them ({@code
 * ipv4_address}); {@code files} are copied in before it starts; {@code attachStdin} marks a one-off
 * whose standard input a client attaches to once ({@code run -i}).
 */
public record ContainerSpec(
    String image,
    List<String> entrypoint,
    List<String> command,
    List<String> env,
    String workingDir,
    String user,
    String hostname,
    Map<String, String> labels,
    List<String> exposedPorts,
    List<PublishedPort> ports,
    List<Mount> mounts,
    RestartPolicy restart,
    Healthcheck healthcheck,
    String networkMode,
    Map<String, List<String>> networks,
    Map<String, String> ipv4Addresses,
    List<String> extraHosts,
    List<String> capAdd,
    List<String> capDrop,
    boolean init,
    boolean privileged,
    boolean readOnly,
    boolean tty,
    boolean stdinOpen,
    boolean attachStdin,
    boolean autoRemove,
    String stopSignal,
    Duration stopGracePeriod,
    List<InjectedFile> files,
    HostOptions options) {

  public ContainerSpec {
    Objects.requireNonNull(image, "image");
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    command = command == null ? null : List.copyOf(command);
    env = List.copyOf(env);
    labels = Map.copyOf(labels);
    exposedPorts = List.copyOf(exposedPorts);
    ports = List.copyOf(ports);
    mounts = List.copyOf(mounts);
    networks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(networks));
    ipv4Addresses = Map.copyOf(ipv4Addresses);
    extraHosts = List.copyOf(extraHosts);
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    files = List.copyOf(files);
    options = options == null ? HostOptions.NONE : options;
  }

  /** A file written into the container after create: a secret or config given by content. */
  public record InjectedFile(String target, byte[] content, int mode) {}

  /** A host port bound to {@code containerPort/protocol}; {@code hostPort} empty = ephemeral. */
  public record PublishedPort(String hostIp, String hostPort, int containerPort, String protocol) {}

  /** A bind, volume or tmpfs mount. */
  public record Mount(String type, String source, String target, boolean readOnly) {}

  /**
   * {@code no}, {@code always}, {@code on-failure} (with a retry limit) or {@code unless-stopped}.
   */
  public record RestartPolicy(String name, int maxRetries) {}

  /** A healthcheck; {@code test} is {@code ["NONE"]} to disable the image's. */
  public record Healthcheck(
      List<String> test,
      Duration interval,
      Duration timeout,
      Integer retries,
      Duration startPeriod,
      Duration startInterval) {}
}
