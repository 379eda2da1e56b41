package dev.berth.runtime.network.netlink;

/**
 * RTM_NEWLINK creating a veth pair in one message: the host end {@code name}, enslaved to {@code
 * masterIndex} and up; the peer created directly inside the namespace {@code peerNetnsFd} (-1: the
 * caller's) as {@code peerName} with {@code peerMac} (null: random). {@code mtu} 0 is the default.
 */
public record CreateVethPair(
    LinkName name, int masterIndex, int mtu, LinkName peerName, int peerNetnsFd, MacAddress peerMac)
    implements NetlinkRequest {

  @Override
  public String describe() {
    return "create veth pair " + name + "/" + peerName;
  }

  @Override
  public byte[] encode(int sequence) {
    MessageWriter w =
        new MessageWriter(
            Rtnl.RTM_NEWLINK,
            Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL);
    w.ifinfomsg(Rtnl.AF_UNSPEC, 0, Rtnl.IFF_UP, Rtnl.IFF_UP);
    w.attrString(Rtnl.IFLA_IFNAME, name.value());
    if (mtu > 0) {
      w.attrInt(Rtnl.IFLA_MTU, mtu);
    }
    if (masterIndex > 0) {
      w.attrInt(Rtnl.IFLA_MASTER, masterIndex);
    }
    w.beginNested(Rtnl.IFLA_LINKINFO).attrString(Rtnl.IFLA_INFO_KIND, "veth");
    w.beginNested(Rtnl.IFLA_INFO_DATA).beginNested(Rtnl.VETH_INFO_PEER);
    w.ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0).attrString(Rtnl.IFLA_IFNAME, peerName.value());
    if (mtu > 0) {
      w.attrInt(Rtnl.IFLA_MTU, mtu);
    }
    if (peerMac != null) {
      w.attr(Rtnl.IFLA_ADDRESS, peerMac.toBytes());
    }
    if (peerNetnsFd >= 0) {
      w.attrInt(Rtnl.IFLA_NET_NS_FD, peerNetnsFd);
    }
    w.endNested().endNested().endNested();
    return w.finish(sequence);
  }
}
