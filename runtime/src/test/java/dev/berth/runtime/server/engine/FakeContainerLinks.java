package dev.berth.runtime.server.engine;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-written {@link ContainerLinks}: tests say which containers use which network, volume or
 * image, and connect/disconnect only record the call (a known container named {@code web} with ID
 * {@code c0ffee...} joins the network's users).
 */
public final class FakeContainerLinks implements ContainerLinks {
  private final Map<String, Set<String>> networks = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> volumes = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> images = new ConcurrentHashMap<>();
  private final Map<String, String> containers = new ConcurrentHashMap<>();
  public final List<String> calls = new CopyOnWriteArrayList<>();

  /** A container the fake knows, by ID and name. */
  public FakeContainerLinks container(String id, String name) {
    containers.put(id, name);
    return this;
  }

  public FakeContainerLinks usesVolume(String containerId, String volume) {
    volumes.computeIfAbsent(volume, k -> ConcurrentHashMap.newKeySet()).add(containerId);
    return this;
  }

  public FakeContainerLinks usesImage(String containerId, String imageId) {
    images.computeIfAbsent(imageId, k -> ConcurrentHashMap.newKeySet()).add(containerId);
    return this;
  }

  public FakeContainerLinks usesNetwork(String containerId, String networkId) {
    networks.computeIfAbsent(networkId, k -> ConcurrentHashMap.newKeySet()).add(containerId);
    return this;
  }

  public void forget(String containerId) {
    networks.values().forEach(s -> s.remove(containerId));
    volumes.values().forEach(s -> s.remove(containerId));
    images.values().forEach(s -> s.remove(containerId));
  }

  private String resolve(String container) throws EngineException {
    for (Map.Entry<String, String> c : containers.entrySet()) {
      if (c.getKey().startsWith(container) || c.getValue().equals(container)) {
        return c.getKey();
      }
    }
    throw new EngineException(ErrorKind.NOT_FOUND, "No such container: " + container);
  }

  @Override
  public void connect(String container, String networkId, EndpointSettings settings)
      throws EngineException {
    String id = resolve(container);
    calls.add(
        "connect "
            + id
            + " "
            + networkId
            + " "
            + settings.aliases()
            + " "
            + settings.ipv4Address().orElse(""));
    usesNetwork(id, networkId);
  }

  @Override
  public void disconnect(String container, String networkId, boolean force) throws EngineException {
    String id = resolve(container);
    Set<String> users = networks.getOrDefault(networkId, Set.of());
    if (!users.contains(id) && !force) {
      throw new EngineException(
          ErrorKind.NOT_FOUND, "container " + id + " is not connected to network " + networkId);
    }
    calls.add("disconnect " + id + " " + networkId + " " + force);
    users.remove(id);
  }

  @Override
  public Map<String, NetworkEndpoint> endpointsOn(String networkId) {
    Map<String, NetworkEndpoint> endpoints = new TreeMap<>();
    for (String id : usingNetwork(networkId)) {
      endpoints.put(id, new NetworkEndpoint(containers.getOrDefault(id, ""), "ep-" + id, "", ""));
    }
    return endpoints;
  }

  @Override
  public Set<String> usingNetwork(String networkId) {
    return Set.copyOf(networks.getOrDefault(networkId, Set.of()));
  }

  @Override
  public Set<String> usingVolume(String volumeName) {
    return Set.copyOf(volumes.getOrDefault(volumeName, Set.of()));
  }

  @Override
  public Set<String> usingImage(String imageId) {
    return Set.copyOf(images.getOrDefault(imageId, Set.of()));
  }
}
