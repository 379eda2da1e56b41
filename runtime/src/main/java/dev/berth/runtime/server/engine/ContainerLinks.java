package dev.berth.runtime.server.engine;

import dev.berth.runtime.api.EngineException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the network, volume and image endpoints need from the container side: joining a container to
 * a network and leaving it ({@code docker network connect/disconnect}), and which containers use a
 * network, a volume or an image (removal of one in use is a CONFLICT naming them).
 */
public interface ContainerLinks {

  /** The per-endpoint settings of {@code network connect} ({@code EndpointConfig}). */
  record EndpointSettings(List<String> aliases, Optional<String> ipv4Address) {
    public EndpointSettings {
      aliases = List.copyOf(aliases);
    }
  }

  /** Connects {@code container} (ID, prefix or name) to the network with ID {@code networkId}. */
  void connect(String container, String networkId, EndpointSettings settings)
      throws EngineException;

  /** Disconnects it; a container not on the network is a NOT_FOUND unless {@code force}. */
  void disconnect(String container, String networkId, boolean force) throws EngineException;

  /** One container's endpoint on a network, as {@code network inspect} lists it. */
  record NetworkEndpoint(String name, String endpointId, String macAddress, String ipv4Address) {}

  /**
   * The running containers' endpoints on the network with ID {@code networkId}, by container ID
   * ({@code Containers} of {@code network inspect}); none by default.
   */
  default Map<String, NetworkEndpoint> endpointsOn(String networkId) {
    return Map.of();
  }

  /** Full IDs of the containers (in any state) attached to or configured for a network. */
  Set<String> usingNetwork(String networkId);

  /** Full IDs of the containers (in any state) that mount the named volume. */
  Set<String> usingVolume(String volumeName);

  /** Full IDs of the containers (in any state) created from the image with ID {@code imageId}. */
  Set<String> usingImage(String imageId);
}
