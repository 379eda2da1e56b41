package dev.berth.runtime.network.netlink;

/** RTM_GETLINK dump of every link in the socket's namespace. */
public record DumpLinks() implements NetlinkRequest {

  @Override
  public String describe() {
    return "list links";
  }

  @Override
  public byte[] encode(int sequence) {
    return new MessageWriter(Rtnl.RTM_GETLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP)
        .ifinfomsg(Rtnl.AF_UNSPEC, 0, 0, 0)
        .finish(sequence);
  }
}
