package dev.berth.runtime.network.netlink;

/** The start of an RTM_NEWLINK that changes an existing link found by its name. */
final class ExistingLink {
  private ExistingLink() {}

  static MessageWriter change(LinkName name, int flags, int change) {
    return new MessageWriter(Rtnl.RTM_NEWLINK, Rtnl.NLM_F_REQUEST | Rtnl.NLM_F_ACK)
        .ifinfomsg(Rtnl.AF_UNSPEC, 0, flags, change)
        .attrString(Rtnl.IFLA_IFNAME, name.value());
  }
}
