package dev.berth.runtime.network;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.network.ipam.Durability;
import dev.berth.runtime.network.ports.PublishedPort;
import java.net.InetSocketAddress;
import java.util.List;

/** The driver's persisted view of its networks and endpoints, saved on every change. */
final class NetworkRecords {
  private final StateFile file;
  private final Durability durability;
  private final StoredState state;

  NetworkRecords(StateFile file, Durability durability) throws EngineException {
    this.file = file;
    this.durability = durability;
    this.state = file.read();
  }

  synchronized List<StoredState.Network> networks() {
    return List.copyOf(state.networks().values());
  }

  synchronized void putNetwork(BridgeNetwork network) throws EngineException {
    state
        .networks()
        .put(
            network.id(),
            new StoredState.Network(
                network.id(),
                network.spec().name(),
                network.spec().internal(),
                network.allocation().subnet().toString(),
                network.allocation().gateway().toString(),
                network.bridge().value(),
                network.spec().mtu(),
                null,
                network.spec().metadata().labels(),
                network.spec().metadata().attachable(),
                network.spec().metadata().options(),
                network.spec().metadata().created() == null
                    ? null
                    : network.spec().metadata().created().toString()));
    file.write(state, true);
  }

  synchronized void removeNetwork(String networkId) throws EngineException {
    if (state.networks().remove(networkId) != null) {
      file.write(state, true);
    }
  }

  synchronized void putEndpoint(NetworkAttachment attachment, EndpointSpec spec)
      throws EngineException {
    StoredState.Network network = state.networks().get(attachment.networkId());
    if (network == null) {
      return;
    }
    network
        .endpoints()
        .put(
            attachment.endpointId(),
            new StoredState.Endpoint(
                attachment.endpointId(),
                attachment.netns().id(),
                attachment.netns().file().toString(),
                attachment.hostInterface().value(),
                attachment.interfaceName().value(),
                attachment.address().toString(),
                attachment.mac().toString(),
                spec.dnsNames(),
                spec.dnsServers().stream().map(NetworkRecords::hostPort).toList(),
                List.of()));
    save();
  }

  synchronized void setPorts(NetworkAttachment attachment, List<PublishedPort> ports)
      throws EngineException {
    StoredState.Network network = state.networks().get(attachment.networkId());
    StoredState.Endpoint endpoint =
        network == null ? null : network.endpoints().get(attachment.endpointId());
    if (endpoint == null) {
      return;
    }
    List<StoredState.Port> stored =
        ports.stream()
            .map(
                port ->
                    new StoredState.Port(
                        port.protocol().name(),
                        port.hostIp().map(Object::toString).orElse(null),
                        port.hostPort(),
                        port.containerPort()))
            .toList();
    network
        .endpoints()
        .put(
            endpoint.endpointId(),
            new StoredState.Endpoint(
                endpoint.endpointId(),
                endpoint.netnsId(),
                endpoint.netnsFile(),
                endpoint.hostInterface(),
                endpoint.interfaceName(),
                endpoint.address(),
                endpoint.mac(),
                endpoint.dnsNames(),
                endpoint.dnsServers(),
                stored));
    save();
  }

  synchronized void removeEndpoint(String networkId, String endpointId) throws EngineException {
    StoredState.Network network = state.networks().get(networkId);
    if (network != null && network.endpoints().remove(endpointId) != null) {
      save();
    }
  }

  private void save() throws EngineException {
    file.write(state, durability == Durability.SYNC_EVERY_CHANGE);
  }

  private static String hostPort(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }
}
