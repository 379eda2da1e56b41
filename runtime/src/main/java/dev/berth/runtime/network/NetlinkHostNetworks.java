package dev.berth.runtime.network;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.network.ipam.HostNetworks;
import dev.berth.runtime.network.ipam.Subnet;
import dev.berth.runtime.network.netlink.LinkAddress;
import dev.berth.runtime.network.netlink.Route;
import dev.berth.runtime.network.netlink.Rtnetlink;
import java.util.ArrayList;
import java.util.List;

/** The host's routes (every table) and address subnets, read over rtnetlink, for IPAM. */
final class NetlinkHostNetworks implements HostNetworks {
  private final Rtnetlink host;

  NetlinkHostNetworks(Rtnetlink host) {
    this.host = host;
  }

  @Override
  public List<Subnet> subnetsInUse() throws EngineException {
    List<Subnet> subnets = new ArrayList<>();
    for (Route route : host.routes()) {
      if (route.destination().prefixLength() > 0) {
        subnets.add(route.destination());
      }
    }
    for (LinkAddress address : host.addresses()) {
      subnets.add(address.subnet());
    }
    return subnets;
  }
}
