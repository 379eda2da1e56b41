package dev.berth.runtime.network.firewall;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The whole of berth's nft table for a set of networks and ports, as one script that replaces the
 * table atomically (add, delete, declare: nft applies the lot or nothing).
 */
final class NftRuleset {
  private NftRuleset() {}

  static String replace(String table, List<FirewallNetwork> networks, List<PortForward> ports) {
    StringBuilder nft = new StringBuilder();
    nft.append("add table ip ").append(table).append('\n');
    nft.append("delete table ip ").append(table).append('\n');
    nft.append("table ip ").append(table).append(" {\n");
    bridgesSet(nft, networks);
    forward(nft, networks);
    postrouting(nft, networks);
    nft.append("  chain prerouting {\n")
        .append("    type nat hook prerouting priority dstnat; policy accept;\n")
        .append("    fib daddr type local jump publish\n  }\n");
    nft.append("  chain output {\n")
        .append("    type nat hook output priority -100; policy accept;\n")
        .append("    fib daddr type local jump publish\n  }\n");
    nft.append("  chain publish {\n");
    for (PortForward port : ports) {
      nft.append("    ");
      port.hostIp().ifPresent(ip -> nft.append("ip daddr ").append(ip).append(' '));
      nft.append(port.protocol().nftName())
          .append(" dport ")
          .append(port.hostPort())
          .append(" dnat to ")
          .append(port.target())
          .append(':')
          .append(port.targetPort())
          .append('\n');
    }
    nft.append("  }\n}\n");
    return nft.toString();
  }

  static String delete(String table) {
    return "add table ip " + table + "\ndelete table ip " + table + "\n";
  }

  private static void bridgesSet(StringBuilder nft, List<FirewallNetwork> networks) {
    nft.append("  set bridges {\n    type ifname;\n");
    if (!networks.isEmpty()) {
      nft.append("    elements = { ")
          .append(
              networks.stream()
                  .map(n -> quote(n.bridge().value()))
                  .collect(Collectors.joining(", ")))
          .append(" }\n");
    }
    nft.append("  }\n");
  }

  /** Isolation between berth networks (except published-port traffic) and no egress if internal. */
  private static void forward(StringBuilder nft, List<FirewallNetwork> networks) {
    nft.append("  chain forward {\n")
        .append("    type filter hook forward priority filter; policy accept;\n");
    for (FirewallNetwork network : networks) {
      String bridge = quote(network.bridge().value());
      nft.append("    iifname ").append(bridge).append(" oifname != ").append(bridge);
      if (network.internal()) {
        nft.append(" drop\n");
        nft.append("    oifname ")
            .append(bridge)
            .append(" iifname != ")
            .append(bridge)
            .append(" drop\n");
      } else {
        nft.append(" oifname @bridges ct status & dnat != dnat drop\n");
      }
    }
    nft.append("  }\n");
  }

  /** Egress masquerade, and masquerade of 127/8 and hairpin traffic sent into a bridge by DNAT. */
  private static void postrouting(StringBuilder nft, List<FirewallNetwork> networks) {
    nft.append("  chain postrouting {\n")
        .append("    type nat hook postrouting priority srcnat; policy accept;\n");
    for (FirewallNetwork network : networks) {
      String bridge = quote(network.bridge().value());
      nft.append("    oifname ")
          .append(bridge)
          .append(" ip saddr { 127.0.0.0/8, ")
          .append(network.subnet())
          .append(" } ct status dnat masquerade\n");
      if (!network.internal()) {
        nft.append("    ip saddr ")
            .append(network.subnet())
            .append(" oifname != ")
            .append(bridge)
            .append(" masquerade\n");
      }
    }
    nft.append("  }\n");
  }

  private static String quote(String name) {
    return '"' + name + '"';
  }
}
