package dev.berth.runtime.network;

import dev.berth.runtime.network.ipam.NetworkAllocation;
import dev.berth.runtime.network.netlink.LinkName;

/** A network that exists on the host: its spec, subnet and gateway, and its bridge. */
public record BridgeNetwork(NetworkSpec spec, NetworkAllocation allocation, LinkName bridge) {

  public String id() {
    return spec.id();
  }
}
