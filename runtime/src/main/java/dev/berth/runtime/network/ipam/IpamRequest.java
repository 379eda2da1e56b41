package dev.berth.runtime.network.ipam;

import java.util.Optional;

/**
 * What compose's {@code ipam.config} asked for a network: a subnet and gateway, both optional, and
 * an {@code ip_range} inside the subnet that dynamic addresses come from.
 */
public record IpamRequest(
    Optional<Subnet> subnet, Optional<Ipv4Address> gateway, Optional<Subnet> ipRange) {

  /** A subnet and gateway, addresses from the whole subnet. */
  public IpamRequest(Optional<Subnet> subnet, Optional<Ipv4Address> gateway) {
    this(subnet, gateway, Optional.empty());
  }

  public static IpamRequest any() {
    return new IpamRequest(Optional.empty(), Optional.empty());
  }
}
