package dev.berth.runtime.network.netlink;

import java.util.Optional;

/**
 * RTM_NEWLINK creating a bridge, optionally with an MTU (0 keeps the kernel's default) and a MAC
 * address. A bridge created without one takes the lowest MAC of its ports, so its MAC (the
 * containers' gateway) changes as veths come and go, and a container whose neighbour entry for the
 * gateway is still "reachable" sends to the old MAC: its DNS queries and traffic out are lost for
 * seconds. An address set here stays (the kernel marks it as set).
 */
public record CreateBridge(LinkName name, int mtu, Optional<MacAddress> mac)
    implements NetlinkRequest {

  /** A bridge with the kernel's MAC (which follows its ports). */
  public CreateBridge(LinkName name, int mtu) {
    this(name, mtu, Optional.empty());
  }

  @Override
  public String describe() {
    return "create bridge " + name;
  }

  @Override
  public byte[] encode(int sequence) {
    MessageWriter w =
        new MessageWriter(
            Rtnl.RTM_NEWLINK,
            Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL);
    w.ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0).attrString(Rtnl.IFLA_IFNAME, name.value());
    if (mtu > 0) {
      w.attrInt(Rtnl.IFLA_MTU, mtu);
    }
    mac.ifPresent(address -> w.attr(Rtnl.IFLA_ADDRESS, address.toBytes()));
    w.beginNested(Rtnl.IFLA_LINKINFO).attrString(Rtnl.IFLA_INFO_KIND, "bridge").endNested();
    return w.finish(sequence);
  }
}
