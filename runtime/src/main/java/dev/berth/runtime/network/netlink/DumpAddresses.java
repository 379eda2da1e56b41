package dev.berth.runtime.network.netlink;

/** RTM_GETADDR dump of every IPv4 address in the socket's namespace. */
public record DumpAddresses() implements NetlinkRequest {

  @Override
  public String describe() {
    return "list addresses";
  }

  @Override
  public byte[] encode(int sequence) {
    return new MessageWriter(Rtnl.RTM_GETADDR, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_DUMP)
        .ifaddrmsg(Rtnl.AF_INET, 0, 0, 0)
        .finish(sequence);
  }
}
