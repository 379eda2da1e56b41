/**
 * berth's firewall state: one nft table (isolation, no egress for internal networks, masquerade,
 * published ports) rewritten atomically on every change, and one iptables chain jumped from FORWARD
 * that accepts berth's bridges past a FORWARD policy of DROP (Docker's). Uses netlink and ipam.
 */
package dev.berth.runtime.network.firewall;
