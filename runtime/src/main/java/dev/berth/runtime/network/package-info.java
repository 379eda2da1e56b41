/**
 * The engine's networks: bridged compose networks, endpoints wired into container network
 * namespaces ({@link dev.berth.runtime.network.NetworkDriver}), built from the netlink, netns,
 * ipam, dns, firewall and ports packages. The container side consumes {@link
 * dev.berth.runtime.network.NetworkAttachment}s.
 */
package dev.berth.runtime.network;
