package dev.berth.runtime.network.ipam;

import java.util.Optional;

/** What compose's {@code ipam.config} asked for a network: a subnet and gateway, both optional. */
public record IpamRequest(Optional<Subnet> subnet, Optional<Ipv4Address> gateway) {

  public static IpamRequest any() {
    return new IpamRequest(Optional.empty(), Optional.empty());
  }
}
