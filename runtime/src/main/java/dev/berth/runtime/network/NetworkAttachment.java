package dev.berth.runtime.network;

import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.ipam.Subnet;
import dev.berth.runtime.network.netlink.LinkName;
import dev.berth.runtime.network.netlink.MacAddress;
import dev.berth.runtime.network.netns.Netns;

/**
 * A wired endpoint, what the container side needs (address, gateway, MAC for the API's
 * NetworkSettings) and what detaching needs (the host end of the veth).
 */
public record NetworkAttachment(
    String networkId,
    String endpointId,
    Netns netns,
    LinkName hostInterface,
    LinkName interfaceName,
    Ipv4Address address,
    Subnet subnet,
    Ipv4Address gateway,
    MacAddress mac) {}
