package dev.berth.runtime.network.dns;

import dev.berth.runtime.network.ipam.Ipv4Address;
import java.util.List;

/** A container's /etc/hosts: loopback, its own address and names, then compose's extra_hosts. */
public final class HostsFile {
  private HostsFile() {}

  /**
   * Renders the file; {@code hostGateway} replaces {@code host-gateway} (the network's gateway,
   * which is the host's address on that network).
   */
  public static String render(
      Ipv4Address address, List<String> ownNames, List<ExtraHost> extraHosts, String hostGateway) {
    StringBuilder text = new StringBuilder();
    text.append("127.0.0.1\tlocalhost\n");
    text.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
    if (!ownNames.isEmpty()) {
      text.append(address).append('\t').append(String.join(" ", ownNames)).append('\n');
    }
    for (ExtraHost extra : extraHosts) {
      text.append(extra.resolvedAddress(hostGateway))
          .append('\t')
          .append(extra.name())
          .append('\n');
    }
    return text.toString();
  }
}
