package dev.berth.runtime.network.netlink;

import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.ipam.Subnet;
import java.util.Optional;

/** An IPv4 route as RTM_NEWROUTE reports it; gateway may be null, outputIndex 0 when absent. */
public record Route(Subnet destination, Ipv4Address gateway, int outputIndex, int table) {

  static Route decode(Message message) {
    var body = message.body();
    int dstLength = Byte.toUnsignedInt(body.get(1));
    int table = Byte.toUnsignedInt(body.get(4));
    Attributes attributes = message.attributes(Rtnl.RTMSG_LEN);
    Ipv4Address destination =
        attributes
            .bytes(Rtnl.RTA_DST)
            .filter(b -> b.length == 4)
            .map(Ipv4Address::ofBytes)
            .orElse(new Ipv4Address(0));
    Ipv4Address gateway =
        attributes
            .bytes(Rtnl.RTA_GATEWAY)
            .filter(b -> b.length == 4)
            .map(Ipv4Address::ofBytes)
            .orElse(null);
    return new Route(
        Subnet.containing(destination, dstLength),
        gateway,
        attributes.integer(Rtnl.RTA_OIF).orElse(0),
        attributes.integer(Rtnl.RTA_TABLE).orElse(table));
  }

  public Optional<Ipv4Address> gatewayAddress() {
    return Optional.ofNullable(gateway);
  }
}
