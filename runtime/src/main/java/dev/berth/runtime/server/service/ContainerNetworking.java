package dev.berth.runtime.server.service;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.network.BridgeNetwork;
import dev.berth.runtime.network.EndpointSpec;
import dev.berth.runtime.network.NetworkAttachment;
import dev.berth.runtime.network.NetworkDriver;
import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.netlink.LinkName;
import dev.berth.runtime.network.netns.Netns;
import dev.berth.runtime.network.netns.NetnsDirectory;
import dev.berth.runtime.network.ports.PortBinding;
import dev.berth.runtime.network.ports.PublishedPort;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The network side of containers: one namespace per bridged container from create to removal, its
 * endpoints on networks (eth0 first), and its published ports while it runs. Endpoints are keyed by
 * container ID, which is also their endpoint ID, so re-adopted ones are found again.
 */
final class ContainerNetworking {
  private final NetworkDriver driver;
  private final NetnsDirectory namespaces;
  private final String defaultBridge;
  private final Map<String, Map<String, NetworkAttachment>> attached = new ConcurrentHashMap<>();
  private final Map<String, List<PublishedPort>> published = new ConcurrentHashMap<>();

  ContainerNetworking(NetworkDriver driver, NetnsDirectory namespaces, String defaultBridge) {
    this.driver = driver;
    this.namespaces = namespaces;
    this.defaultBridge = defaultBridge;
    for (NetworkAttachment a : driver.attachments()) {
      attached
          .computeIfAbsent(a.endpointId(), k -> new ConcurrentHashMap<>())
          .put(a.networkId(), a);
      List<PublishedPort> ports = driver.published(a); // re-adopted with the endpoint
      if (!ports.isEmpty()) {
        published.put(a.endpointId() + "/" + a.networkId(), ports);
      }
    }
  }

  /** The ID of Docker's default {@code bridge} network. */
  String defaultBridge() {
    return defaultBridge;
  }

  /** A network by ID, ID prefix or name; NOT_FOUND as dockerd words it. */
  BridgeNetwork network(String ref) throws EngineException {
    List<BridgeNetwork> all = driver.networks();
    for (BridgeNetwork n : all) {
      if (n.id().equals(ref) || n.spec().name().equals(ref)) {
        return n;
      }
    }
    List<BridgeNetwork> byPrefix = all.stream().filter(n -> n.id().startsWith(ref)).toList();
    if (byPrefix.size() == 1 && !ref.isEmpty()) {
      return byPrefix.get(0);
    }
    throw new EngineException(ErrorKind.NOT_FOUND, "network " + ref + " not found");
  }

  Optional<BridgeNetwork> findNetwork(String id) {
    return driver.networks().stream().filter(n -> n.id().equals(id)).findFirst();
  }

  Netns createNamespace(String id) throws EngineException {
    return namespaces.create(id);
  }

  Netns namespace(String id) {
    return new Netns(id, namespaces.root().resolve(id));
  }

  void removeNamespace(String id) throws EngineException {
    namespaces.remove(namespace(id));
  }

  /** Wires the container into {@code network} as the next interface. */
  NetworkAttachment attach(
      String containerId,
      Netns netns,
      BridgeNetwork network,
      List<String> dnsNames,
      Optional<Ipv4Address> address)
      throws EngineException {
    Map<String, NetworkAttachment> mine =
        attached.computeIfAbsent(containerId, k -> new ConcurrentHashMap<>());
    if (mine.containsKey(network.id())) {
      throw new EngineException(
          ErrorKind.CONFLICT,
          "container " + containerId + " is already attached to network " + network.spec().name());
    }
    int index = 0;
    while (interfaceTaken(mine, "eth" + index)) {
      index++;
    }
    EndpointSpec spec =
        new EndpointSpec(
            containerId,
            netns,
            new LinkName("eth" + index),
            address,
            Optional.empty(),
            dnsNames,
            index == 0);
    NetworkAttachment attachment = driver.attach(network.id(), spec);
    mine.put(network.id(), attachment);
    return attachment;
  }

  private static boolean interfaceTaken(Map<String, NetworkAttachment> mine, String name) {
    return mine.values().stream().anyMatch(a -> a.interfaceName().value().equals(name));
  }

  /** The container's endpoint on a network, if attached. */
  Optional<NetworkAttachment> attachment(String containerId, String networkId) {
    return Optional.ofNullable(attached.getOrDefault(containerId, Map.of()).get(networkId));
  }

  /** Unwires one endpoint now (a disconnect). */
  void detach(String containerId, String networkId) throws EngineException {
    Map<String, NetworkAttachment> mine = attached.getOrDefault(containerId, Map.of());
    NetworkAttachment attachment = mine.remove(networkId);
    if (attachment != null) {
      published.remove(containerId + "/" + networkId);
      driver.detach(attachment);
    }
  }

  /** Unwires every endpoint of a removed container; veths go in the background. */
  void detachAll(String containerId) throws EngineException {
    Map<String, NetworkAttachment> mine = attached.remove(containerId);
    if (mine != null) {
      for (NetworkAttachment attachment : mine.values()) {
        published.remove(containerId + "/" + attachment.networkId());
        driver.detachLater(attachment);
      }
    }
  }

  /** Publishes ports to the container's endpoint on {@code networkId}. */
  List<PublishedPort> publish(String containerId, String networkId, List<PortBinding> bindings)
      throws EngineException {
    NetworkAttachment attachment =
        attachment(containerId, networkId)
            .orElseThrow(
                () ->
                    new EngineException(
                        ErrorKind.CONFLICT,
                        "container " + containerId + " has no endpoint to publish ports on"));
    List<PublishedPort> ports = driver.publish(attachment, bindings);
    published.put(containerId + "/" + networkId, ports);
    return ports;
  }

  /** Withdraws the container's published ports, if any. */
  void unpublish(String containerId, String networkId) throws EngineException {
    // also when nothing is known here: a re-adopted endpoint may still have ports from before
    published.remove(containerId + "/" + networkId);
    Optional<NetworkAttachment> attachment = attachment(containerId, networkId);
    if (attachment.isPresent()) {
      driver.unpublish(attachment.get());
    }
  }

  /** The ports published now for the container's endpoint on {@code networkId}. */
  List<PublishedPort> published(String containerId, String networkId) {
    return published.getOrDefault(containerId + "/" + networkId, List.of());
  }
}
