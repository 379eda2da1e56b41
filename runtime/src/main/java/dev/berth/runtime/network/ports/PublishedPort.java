package dev.berth.runtime.network.ports;

import dev.berth.runtime.network.firewall.Protocol;
import dev.berth.runtime.network.ipam.Ipv4Address;
import java.util.Optional;

/** A port that is published: the host port chosen, and where it leads. */
public record PublishedPort(
    Protocol protocol, Optional<Ipv4Address> hostIp, int hostPort, int containerPort) {}
