package dev.berth.runtime.network.netlink;

import dev.berth.runtime.network.ipam.Ipv4Address;

/** RTM_NEWROUTE adding {@code default via GATEWAY dev INDEX} to the main table. */
public record AddDefaultRoute(Ipv4Address gateway, int outputIndex, LinkName outputName)
    implements NetlinkRequest {

  @Override
  public String describe() {
    return "add default route via " + gateway + " dev " + outputName;
  }

  @Override
  public byte[] encode(int sequence) {
    return new MessageWriter(
            Rtnl.RTM_NEWROUTE,
            Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL)
        .rtmsg(
            Rtnl.AF_INET,
            0,
            Rtnl.RT_TABLE_MAIN,
            Rtnl.RTPROT_BOOT,
            Rtnl.RT_SCOPE_UNIVERSE,
            Rtnl.RTN_UNICAST)
        .attr(Rtnl.RTA_GATEWAY, gateway.toBytes())
        .attrInt(Rtnl.RTA_OIF, outputIndex)
        .finish(sequence);
  }
}
