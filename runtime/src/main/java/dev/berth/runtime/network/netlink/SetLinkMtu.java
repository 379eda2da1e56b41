package dev.berth.runtime.network.netlink;

/** RTM_NEWLINK setting a link's MTU. */
public record SetLinkMtu(LinkName name, int mtu) implements NetlinkRequest {

  @Override
  public String describe() {
    return "set mtu " + mtu + " on " + name;
  }

  @Override
  public byte[] encode(int sequence) {
    return ExistingLink.change(name, 0, 0).attrInt(Rtnl.IFLA_MTU, mtu).finish(sequence);
  }
}
