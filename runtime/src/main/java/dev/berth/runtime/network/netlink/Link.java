package dev.berth.runtime.network.netlink;

import java.util.Optional;

/** A link as RTM_NEWLINK reports it; {@code kind} is empty for physical links, mac may be null. */
public record Link(
    int index, String name, String kind, boolean up, int mtu, MacAddress mac, int masterIndex) {

  static Link decode(Message message) {
    var body = message.body();
    int index = body.getInt(4);
    int flags = body.getInt(8);
    Attributes attributes = message.attributes(Rtnl.IFINFOMSG_LEN);
    String kind =
        attributes
            .nested(Rtnl.IFLA_LINKINFO)
            .flatMap(info -> info.string(Rtnl.IFLA_INFO_KIND))
            .orElse("");
    MacAddress mac =
        attributes
            .bytes(Rtnl.IFLA_ADDRESS)
            .filter(b -> b.length == 6)
            .map(MacAddress::ofBytes)
            .orElse(null);
    return new Link(
        index,
        attributes.string(Rtnl.IFLA_IFNAME).orElse(""),
        kind,
        (flags & Rtnl.IFF_UP) != 0,
        attributes.integer(Rtnl.IFLA_MTU).orElse(0),
        mac,
        attributes.integer(Rtnl.IFLA_MASTER).orElse(0));
  }

  public Optional<MacAddress> macAddress() {
    return Optional.ofNullable(mac);
  }
}
