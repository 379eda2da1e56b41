package dev.berth.runtime.network.ports;

import dev.berth.runtime.network.firewall.Protocol;
import dev.berth.runtime.network.ipam.Ipv4Address;
import java.util.Optional;

/**
 * One container port to publish; {@code hostPorts} empty means an ephemeral port, a range means the
 * first free port in it.
 */
public record PortBinding(
    Protocol protocol,
    Optional<Ipv4Address> hostIp,
    Optional<PortRange> hostPorts,
    int containerPort) {

  /** {@code 127.0.0.1:8080->80/tcp}, as {@code docker ps} shows it. */
  public String describe() {
    return hostIp.map(Ipv4Address::toString).orElse("0.0.0.0")
        + ":"
        + hostPorts.map(PortRange::toString).orElse("")
        + "->"
        + containerPort
        + "/"
        + protocol.nftName();
  }
}
