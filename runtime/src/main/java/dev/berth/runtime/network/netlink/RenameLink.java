package dev.berth.runtime.network.netlink;

/**
 * RTM_NEWLINK renaming the link with index {@code index} (e.g. to {@code eth0}); it must be down.
 */
public record RenameLink(int index, LinkName oldName, LinkName newName) implements NetlinkRequest {

  @Override
  public String describe() {
    return "rename link " + oldName + " to " + newName;
  }

  @Override
  public byte[] encode(int sequence) {
    return new MessageWriter(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK)
        .ifinfomsg(Rtnl.AF_UNSPEC, index, 0, 0)
        .attrString(Rtnl.IFLA_IFNAME, newName.value())
        .finish(sequence);
  }
}
