package dev.berth.runtime.network.ports;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.network.firewall.Protocol;
import dev.berth.runtime.network.ipam.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One compose {@code ports} entry: container port(s), host port(s) (empty: ephemeral), {@code
 * host_ip} (empty: every address), protocol. Equal-sized ranges map one to one; a host range for a
 * single container port means "any free port of that range".
 */
public record PublishRequest(
    Protocol protocol,
    Optional<Ipv4Address> hostIp,
    Optional<PortRange> host,
    PortRange container) {

  /** The single-port bindings this entry stands for, validated. */
  public List<PortBinding> expand() throws EngineException {
    List<PortBinding> bindings = new ArrayList<>();
    if (host.isEmpty()) {
      for (int port = container.first(); port <= container.last(); port++) {
        bindings.add(new PortBinding(protocol, hostIp, Optional.empty(), port));
      }
    } else if (host.get().size() == container.size()) {
      for (int i = 0; i < container.size(); i++) {
        bindings.add(
            new PortBinding(
                protocol,
                hostIp,
                Optional.of(PortRange.single(host.get().first() + i)),
                container.first() + i));
      }
    } else if (container.size() == 1) {
      bindings.add(new PortBinding(protocol, hostIp, host, container.first()));
    } else {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "ports: host range "
              + host.get()
              + " and container range "
              + container
              + " differ in size");
    }
    return bindings;
  }
}
