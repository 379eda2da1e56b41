package dev.berth.runtime.network.netlink;

import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.ipam.Subnet;

/** RTM_NEWADDR adding an IPv4 address with its prefix and broadcast, as {@code ip addr add}. */
public record AddAddress(LinkName name, int index, Ipv4Address address, int prefixLength)
    implements NetlinkRequest {

  @Override
  public String describe() {
    return "add address " + address + "/" + prefixLength + " to " + name;
  }

  @Override
  public byte[] encode(int sequence) {
    MessageWriter w =
        new MessageWriter(
                Rtnl.RTM_NEWADDR,
                Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK | Rtnl.NLM_F_CREATE | Rtnl.NLM_F_EXCL)
            .ifaddrmsg(Rtnl.AF_INET, prefixLength, Rtnl.RT_SCOPE_UNIVERSE, index)
            .attr(Rtnl.IFA_LOCAL, address.toBytes())
            .attr(Rtnl.IFA_ADDRESS, address.toBytes());
    if (prefixLength < 31) {
      w.attr(Rtnl.IFA_BROADCAST, Subnet.containing(address, prefixLength).broadcast().toBytes());
    }
    return w.finish(sequence);
  }
}
