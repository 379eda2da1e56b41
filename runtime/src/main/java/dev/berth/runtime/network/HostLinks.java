package dev.berth.runtime.network;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.ipam.NetworkAllocation;
import dev.berth.runtime.network.netlink.AddAddress;
import dev.berth.runtime.network.netlink.AddDefaultRoute;
import dev.berth.runtime.network.netlink.CreateBridge;
import dev.berth.runtime.network.netlink.CreateVethPair;
import dev.berth.runtime.network.netlink.DeleteLink;
import dev.berth.runtime.network.netlink.Link;
import dev.berth.runtime.network.netlink.LinkName;
import dev.berth.runtime.network.netlink.MacAddress;
import dev.berth.runtime.network.netlink.NetlinkException;
import dev.berth.runtime.network.netlink.NetnsFd;
import dev.berth.runtime.network.netlink.Rtnetlink;
import dev.berth.runtime.network.netlink.SetBridgePortHairpin;
import dev.berth.runtime.network.netlink.SetLinkMac;
import dev.berth.runtime.network.netlink.SetLinkUp;
import java.util.Optional;

/** The rtnetlink steps of networks and endpoints: bridges, veth pairs, in-namespace setup. */
final class HostLinks implements AutoCloseable {
  private static final LinkName LOOPBACK = new LinkName("lo");
  private final Rtnetlink host;

  HostLinks(Rtnetlink host) {
    this.host = host;
  }

  /**
   * Creates the bridge with the gateway address and a fixed MAC derived from it (see {@link
   * CreateBridge}), up; returns its index.
   */
  int createBridge(LinkName bridge, int mtu, NetworkAllocation allocation) throws EngineException {
    host.execute(
        new CreateBridge(bridge, mtu, Optional.of(MacAddress.derivedFrom(allocation.gateway()))));
    try {
      int index = host.link(bridge).index();
      host.execute(
          new AddAddress(bridge, index, allocation.gateway(), allocation.subnet().prefixLength()));
      host.execute(new SetLinkUp(bridge));
      return index;
    } catch (EngineException | RuntimeException e) {
      deleteIfPresent(bridge);
      throw e;
    }
  }

  /**
   * The bridge's index, creating it as {@link #createBridge} if it went (e.g. a reboot); a bridge
   * an older berthd made without a fixed MAC gets it now.
   */
  int ensureBridge(LinkName bridge, int mtu, NetworkAllocation allocation) throws EngineException {
    try {
      Link link = host.link(bridge);
      MacAddress fixed = MacAddress.derivedFrom(allocation.gateway());
      if (!link.macAddress().equals(Optional.of(fixed))) {
        host.execute(new SetLinkMac(bridge, fixed)); // made by an older berthd: fix its MAC now
      }
      return link.index();
    } catch (NetlinkException e) {
      if (!e.isNoSuchDevice()) {
        throw e;
      }
      return createBridge(bridge, mtu, allocation);
    }
  }

  /**
   * One veth pair: the host end on the bridge, up; the other end born in the namespace with its
   * final name and MAC, then given its address, brought up with loopback, and (if asked) the
   * default route. Nothing is left behind when a step fails.
   */
  void wireEndpoint(
      EndpointSpec endpoint,
      LinkName hostEnd,
      int bridgeIndex,
      int mtu,
      Ipv4Address address,
      MacAddress mac,
      NetworkAllocation allocation)
      throws EngineException {
    try (NetnsFd netns = NetnsFd.open(endpoint.netns().file())) {
      host.execute(
          new CreateVethPair(hostEnd, bridgeIndex, mtu, endpoint.interfaceName(), netns.fd(), mac));
    }
    try (Rtnetlink inside = Rtnetlink.openIn(endpoint.netns().file())) {
      host.execute(new SetBridgePortHairpin(hostEnd));
      LinkName name = endpoint.interfaceName();
      int index = inside.link(name).index();
      inside.execute(new AddAddress(name, index, address, allocation.subnet().prefixLength()));
      inside.execute(new SetLinkUp(name));
      inside.execute(new SetLinkUp(LOOPBACK));
      if (endpoint.defaultRoute()) {
        inside.execute(new AddDefaultRoute(allocation.gateway(), index, name));
      }
    } catch (EngineException | RuntimeException e) {
      deleteIfPresent(hostEnd);
      throw e;
    }
  }

  boolean exists(LinkName link) throws EngineException {
    try {
      host.link(link);
      return true;
    } catch (NetlinkException e) {
      if (e.isNoSuchDevice()) {
        return false;
      }
      throw e;
    }
  }

  /** Deletes a link (a veth takes its peer along); one already gone is fine. */
  void deleteIfPresent(LinkName link) throws EngineException {
    try {
      host.execute(new DeleteLink(link));
    } catch (NetlinkException e) {
      if (!e.isNoSuchDevice()) {
        throw e;
      }
    }
  }

  /** The host's address and route dump, for IPAM. */
  Rtnetlink socket() {
    return host;
  }

  @Override
  public void close() {
    host.close();
  }
}
