package dev.berth.runtime.network.firewall;

import dev.berth.runtime.network.ipam.Ipv4Address;
import java.util.Optional;

/**
 * One published port as a DNAT: traffic to the host's {@code hostPort} (on {@code hostIp} only, or
 * every local address) goes to {@code target}:{@code targetPort}.
 */
public record PortForward(
    String owner,
    Protocol protocol,
    Optional<Ipv4Address> hostIp,
    int hostPort,
    Ipv4Address target,
    int targetPort) {

  public PortForward {
    checkPort(hostPort);
    checkPort(targetPort);
  }

  private static void checkPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not in 1..65535");
    }
  }
}
