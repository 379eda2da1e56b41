package dev.berth.runtime.network.netlink;

/** RTM_NEWLINK creating a bridge, optionally with an MTU (0 keeps the kernel's default). */
public record CreateBridge(LinkName name, int mtu) implements NetlinkRequest {

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
    w.beginNested(Rtnl.IFLA_LINKINFO).attrString(Rtnl.IFLA_INFO_KIND, "bridge").endNested();
    return w.finish(sequence);
  }
}
