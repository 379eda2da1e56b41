package dev.berth.runtime.server.engine;

import dev.berth.runtime.api.ContainerCreateTemplate;
import dev.berth.runtime.container.ContainerState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything inspect and list report about one container: what it was created from ({@code
 * request}), its state, its endpoints on networks and its published ports.
 */
public record ContainerDetails(
    String id,
    String name,
    Instant created,
    String imageId,
    List<String> path,
    ContainerCreateTemplate request,
    ContainerState state,
    Map<String, Endpoint> networks,
    List<Port> ports,
    List<Mount> mounts) {

  public ContainerDetails {
    Objects.requireNonNull(request, "request");
    path = List.copyOf(path);
    networks = Map.copyOf(networks);
    ports = List.copyOf(ports);
    mounts = List.copyOf(mounts);
  }

  /** One network the container is on; address fields are empty while it is not running. */
  public record Endpoint(
      String networkId,
      String endpointId,
      String ipAddress,
      int prefixLength,
      String gateway,
      String macAddress,
      List<String> aliases) {
    public Endpoint {
      aliases = List.copyOf(aliases);
    }
  }

  /** A container port, published to {@code hostPort} (0 when not published). */
  public record Port(String protocol, int containerPort, String hostIp, int hostPort) {}

  /** A mount as inspect's {@code Mounts} shows it. */
  public record Mount(
      String type, String name, String source, String destination, boolean readWrite) {}
}
