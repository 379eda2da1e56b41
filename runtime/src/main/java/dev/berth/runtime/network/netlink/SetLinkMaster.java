package dev.berth.runtime.network.netlink;

/** RTM_NEWLINK enslaving a link to a bridge by the bridge's index (0 releases it). */
public record SetLinkMaster(LinkName name, int masterIndex, LinkName masterName)
    implements NetlinkRequest {

  @Override
  public String describe() {
    return "attach " + name + " to bridge " + masterName;
  }

  @Override
  public byte[] encode(int sequence) {
    return ExistingLink.change(name, 0, 0).attrInt(Rtnl.IFLA_MASTER, masterIndex).finish(sequence);
  }
}
