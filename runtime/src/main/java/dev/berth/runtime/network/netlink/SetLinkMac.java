package dev.berth.runtime.network.netlink;

/** RTM_NEWLINK setting a link's Ethernet address. */
public record SetLinkMac(LinkName name, MacAddress mac) implements NetlinkRequest {

  @Override
  public String describe() {
    return "set address " + mac + " on " + name;
  }

  @Override
  public byte[] encode(int sequence) {
    return ExistingLink.change(name, 0, 0).attr(Rtnl.IFLA_ADDRESS, mac.toBytes()).finish(sequence);
  }
}
