package dev.berth.runtime.network.netlink;

import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.ipam.Subnet;

/** An IPv4 address on a link as RTM_NEWADDR reports it, e.g. {@code 172.17.0.1/16} on index 3. */
public record LinkAddress(int index, Ipv4Address address, int prefixLength) {

  static LinkAddress decode(Message message) {
    var body = message.body();
    int prefixLength = Byte.toUnsignedInt(body.get(1));
    int index = body.getInt(4);
    Attributes attributes = message.attributes(Rtnl.IFADDRMSG_LEN);
    byte[] bytes =
        attributes
            .bytes(Rtnl.IFA_LOCAL)
            .or(() -> attributes.bytes(Rtnl.IFA_ADDRESS))
            .orElse(new byte[4]);
    return new LinkAddress(index, Ipv4Address.ofBytes(bytes), prefixLength);
  }

  /** The subnet this address says is on-link. */
  public Subnet subnet() {
    return Subnet.containing(address, prefixLength);
  }
}
