package dev.berth.runtime.network;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.network.firewall.Protocol;
import dev.berth.runtime.network.ipam.IpamRequest;
import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.ipam.NetworkAllocation;
import dev.berth.runtime.network.ipam.Subnet;
import dev.berth.runtime.network.netlink.LinkName;
import dev.berth.runtime.network.netlink.MacAddress;
import dev.berth.runtime.network.netns.Netns;
import dev.berth.runtime.network.ports.PortBinding;
import dev.berth.runtime.network.ports.PortRange;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * After an engine restart: every network of {@code networks.json} is taken over (bridge, firewall,
 * DNS), then every endpoint still alive (names, ports). What fails is reported, not fatal.
 */
final class Readoption {
  private final NetworkDriver driver;
  private final NetworkListener listener;

  Readoption(NetworkDriver driver, NetworkListener listener) {
    this.driver = driver;
    this.listener = listener;
  }

  void run(List<StoredState.Network> stored) {
    for (StoredState.Network network : stored) {
      try {
        BridgeNetwork adopted = toNetwork(network);
        driver.adoptNetwork(adopted);
        for (StoredState.Endpoint endpoint : List.copyOf(network.endpoints().values())) {
          adoptEndpoint(adopted, endpoint);
        }
      } catch (EngineException e) {
        listener.problem("re-adopt network " + network.name() + ": " + e.getMessage());
      } catch (RuntimeException e) {
        listener.problem("re-adopt network " + network.name() + ": " + bug(e));
      }
    }
  }

  private void adoptEndpoint(BridgeNetwork network, StoredState.Endpoint endpoint) {
    try {
      NetworkAttachment attachment =
          new NetworkAttachment(
              network.id(),
              endpoint.endpointId(),
              new Netns(endpoint.netnsId(), Path.of(endpoint.netnsFile())),
              new LinkName(endpoint.hostInterface()),
              new LinkName(endpoint.interfaceName()),
              Ipv4Address.parse(endpoint.address()),
              network.allocation().subnet(),
              network.allocation().gateway(),
              MacAddress.parse(endpoint.mac()));
      List<PortBinding> ports = new ArrayList<>();
      for (StoredState.Port port : endpoint.ports()) {
        ports.add(
            new PortBinding(
                Protocol.valueOf(port.protocol()),
                port.hostIp() == null
                    ? Optional.empty()
                    : Optional.of(Ipv4Address.parse(port.hostIp())),
                Optional.of(PortRange.single(port.hostPort())),
                port.containerPort()));
      }
      driver.adoptEndpoint(attachment, endpoint.dnsNames(), servers(endpoint), ports);
    } catch (EngineException | RuntimeException e) {
      listener.problem(
          "re-adopt endpoint "
              + endpoint.endpointId()
              + " on "
              + network.spec().name()
              + ": "
              + e.getMessage());
    }
  }

  /** A bug's description: its type and where it happened, as there may be no message. */
  private static String bug(RuntimeException e) {
    StackTraceElement[] where = e.getStackTrace();
    return e + (where.length > 0 ? " at " + where[0] : "");
  }

  private static BridgeNetwork toNetwork(StoredState.Network network) throws EngineException {
    Subnet subnet = Subnet.parse(network.subnet());
    Ipv4Address gateway = Ipv4Address.parse(network.gateway());
    NetworkSpec spec =
        new NetworkSpec(
            network.id(),
            network.name(),
            network.internal(),
            new IpamRequest(Optional.of(subnet), Optional.of(gateway)),
            Optional.of(new LinkName(network.bridge())),
            network.mtu(),
            new NetworkSpec.Metadata(
                network.labels(),
                network.attachable(),
                network.options(),
                network.created() == null ? null : java.time.Instant.parse(network.created())));
    return new BridgeNetwork(
        spec, new NetworkAllocation(network.id(), subnet, gateway), new LinkName(network.bridge()));
  }

  private static List<InetSocketAddress> servers(StoredState.Endpoint endpoint) {
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String server : endpoint.dnsServers()) {
      int colon = server.lastIndexOf(':');
      servers.add(
          new InetSocketAddress(
              server.substring(0, colon), Integer.parseInt(server.substring(colon + 1))));
    }
    return servers;
  }
}
