package dev.berth.runtime.network;

import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.netlink.LinkName;
import dev.berth.runtime.network.netlink.MacAddress;
import dev.berth.runtime.network.netns.Netns;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One container's place on one network: the namespace to wire, the interface name inside it ({@code
 * eth0}, {@code eth1}...), a static address or MAC if compose gave one, the DNS names it answers to
 * (service, container name, hostname, aliases), and whether its default route goes here.
 */
public record EndpointSpec(
    String endpointId,
    Netns netns,
    LinkName interfaceName,
    Optional<Ipv4Address> staticAddress,
    Optional<MacAddress> mac,
    List<String> dnsNames,
    boolean defaultRoute,
    List<InetSocketAddress> dnsServers) {

  public EndpointSpec {
    Objects.requireNonNull(endpointId, "endpointId");
    Objects.requireNonNull(netns, "netns");
    dnsNames = List.copyOf(dnsNames);
    dnsServers = List.copyOf(dnsServers);
  }

  /** Without compose {@code dns:} servers: names berth does not know go to the host's resolvers. */
  public EndpointSpec(
      String endpointId,
      Netns netns,
      LinkName interfaceName,
      Optional<Ipv4Address> staticAddress,
      Optional<MacAddress> mac,
      List<String> dnsNames,
      boolean defaultRoute) {
    this(endpointId, netns, interfaceName, staticAddress, mac, dnsNames, defaultRoute, List.of());
  }

  /** eth0 with a pool address, a derived MAC and the default route. */
  public static EndpointSpec simple(String endpointId, Netns netns, List<String> dnsNames) {
    return new EndpointSpec(
        endpointId,
        netns,
        new LinkName("eth0"),
        Optional.empty(),
        Optional.empty(),
        dnsNames,
        true);
  }
}
