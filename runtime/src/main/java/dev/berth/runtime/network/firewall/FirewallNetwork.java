package dev.berth.runtime.network.firewall;

import dev.berth.runtime.network.ipam.Subnet;
import dev.berth.runtime.network.netlink.LinkName;

/** What the firewall needs of a network: its bridge, subnet, and whether it may reach out. */
public record FirewallNetwork(String id, LinkName bridge, Subnet subnet, boolean internal) {}
