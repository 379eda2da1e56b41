/**
 * Service discovery: a DNS server per network (answering on the gateway address for the names of
 * that network's endpoints and forwarding the rest), plus the resolv.conf and hosts files
 * containers get. Uses dnsjava for the wire format only, and {@code network.ipam} values.
 */
package dev.berth.runtime.network.dns;
