package dev.berth.runtime.network.netlink;

/** RTM_DELLINK by name; deleting one end of a veth pair deletes both. */
public record DeleteLink(LinkName name) implements NetlinkRequest {

  @Override
  public String describe() {
    return "delete link " + name;
  }

  @Override
  public byte[] encode(int sequence) {
    return new MessageWriter(Rtnl.RTM_DELLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK)
        .ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0)
        .attrString(Rtnl.IFLA_IFNAME, name.value())
        .finish(sequence);
  }
}
