package dev.berth.runtime.network.netlink;

/** RTM_NEWLINK setting IFF_UP, as {@code ip link set NAME up}. */
public record SetLinkUp(LinkName name) implements NetlinkRequest {

  @Override
  public String describe() {
    return "set link " + name + " up";
  }

  @Override
  public byte[] encode(int sequence) {
    return ExistingLink.change(name, Rtnl.IFF_UP, Rtnl.IFF_UP).finish(sequence);
  }
}
