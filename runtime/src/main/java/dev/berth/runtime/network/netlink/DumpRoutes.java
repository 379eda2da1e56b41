package dev.berth.runtime.network.netlink;

/** RTM_GETROUTE dump of every IPv4 route in every table of the socket's namespace. */
public record DumpRoutes() implements NetlinkRequest {

  @Override
  public String describe() {
    return "list routes";
  }

  @Override
  public byte[] encode(int sequence) {
    return new MessageWriter(Rtnl.RTM_GETROUTE, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP)
        .rtmsg(Rtnl.AF_INET, 0, 0, 0, 0, 0)
        .finish(sequence);
  }
}
