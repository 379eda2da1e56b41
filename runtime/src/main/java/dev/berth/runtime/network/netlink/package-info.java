/**
 * rtnetlink: the wire codec for links, addresses and routes, one class per request, and the client
 * that sends them over a NETLINK_ROUTE channel. Uses {@code network.ipam} values and the linux
 * facade.
 */
package dev.berth.runtime.network.netlink;
