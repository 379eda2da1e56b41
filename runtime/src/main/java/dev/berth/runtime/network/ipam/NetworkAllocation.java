package dev.berth.runtime.network.ipam;

import java.util.Objects;

/** The subnet and gateway IPAM gave a network. */
public record NetworkAllocation(String networkId, Subnet subnet, Ipv4Address gateway) {

  public NetworkAllocation {
    Objects.requireNonNull(networkId, "networkId");
    if (!subnet.isUsableHost(gateway)) {
      throw new IllegalArgumentException(
          "gateway " + gateway + " is not a usable address of " + subnet);
    }
  }
}
