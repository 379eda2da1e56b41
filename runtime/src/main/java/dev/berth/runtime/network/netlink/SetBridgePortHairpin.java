package dev.berth.runtime.network.netlink;

/**
 * RTM_NEWLINK turning on hairpin mode of a bridge port (IFLA_BRPORT_MODE in the slave data), so a
 * container reaching its own published port through the host gets its packets back on that port.
 */
public record SetBridgePortHairpin(LinkName port) implements NetlinkRequest {

  @Override
  public String describe() {
    return "set hairpin mode on bridge port " + port;
  }

  @Override
  public byte[] encode(int sequence) {
    return ExistingLink.change(port, 0, 0)
        .beginNested(Rtnl.IFLA_LINKINFO)
        .attrString(Rtnl.IFLA_INFO_SLAVE_KIND, "bridge")
        .beginNested(Rtnl.IFLA_INFO_SLAVE_DATA)
        .attr(Rtnl.IFLA_BRPORT_MODE, new byte[] {1})
        .endNested()
        .endNested()
        .finish(sequence);
  }
}
