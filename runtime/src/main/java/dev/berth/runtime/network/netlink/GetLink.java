package dev.berth.runtime.network.netlink;

/** RTM_GETLINK for one link by name; the kernel answers with an RTM_NEWLINK or ENODEV. */
public record GetLink(LinkName name) implements NetlinkRequest {

  @Override
  public String describe() {
    return "get link " + name;
  }

  @Override
  public byte[] encode(int sequence) {
    return new MessageWriter(Rtnl.RTM_GETLINK, Rtnl.NLM_F_REQUEST)
        .ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0)
        .attrString(Rtnl.IFLA_IFNAME, name.value())
        .finish(sequence);
  }
}
