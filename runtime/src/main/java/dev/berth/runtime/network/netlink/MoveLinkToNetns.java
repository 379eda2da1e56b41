package dev.berth.runtime.network.netlink;

/** RTM_NEWLINK with IFLA_NET_NS_FD: moves a link into the network namespace open as {@code fd}. */
public record MoveLinkToNetns(LinkName name, int netnsFd, String netnsDescription)
    implements NetlinkRequest {

  @Override
  public String describe() {
    return "move link " + name + " into netns " + netnsDescription;
  }

  @Override
  public byte[] encode(int sequence) {
    return ExistingLink.change(name, 0, 0).attrInt(Rtnl.IFLA_NET_NS_FD, netnsFd).finish(sequence);
  }
}
