package dev.berth.runtime.server.service;

import dev.berth.runtime.api.ContainerCreateTemplate;
import dev.berth.runtime.api.ContainerCreateTemplate.PortBindingTemplate;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.network.firewall.Protocol;
import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.ports.PortBinding;
import dev.berth.runtime.network.ports.PortRange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A create request's {@code PortBindings} and {@code PublishAllPorts} as bindings to publish:
 * {@code "80/tcp": [{"HostIp": "", "HostPort": "8080"}]}, an empty host port meaning an ephemeral
 * one. {@code ExposedPorts} published with {@code PublishAllPorts} get ephemeral ports.
 */
final class PortRequests {
  private PortRequests() {}

  /** A container port key such as {@code 80/tcp} or {@code 53/udp} ({@code 80} means tcp). */
  record ContainerPort(int port, Protocol protocol) {
    static ContainerPort parse(String key) throws EngineException {
      String[] parts = key.split("/", 2);
      Protocol protocol = parts.length == 2 ? Protocol.parse(parts[1]) : Protocol.TCP;
      try {
        int port = Integer.parseInt(parts[0]);
        if (port >= 1 && port <= 65535) {
          return new ContainerPort(port, protocol);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw CreateTranslator.invalid("invalid container port \"" + key + "\"");
    }

    String key() {
      return port + "/" + protocol.nftName();
    }
  }

  /** Every container port the request exposes or binds, in a stable order. */
  static Set<ContainerPort> exposed(ContainerCreateTemplate request) throws EngineException {
    Set<ContainerPort> ports = new LinkedHashSet<>();
    for (String key : CreateTranslator.orEmpty(request.exposedPorts()).keySet()) {
      ports.add(ContainerPort.parse(key));
    }
    if (request.hostConfig() != null) {
      for (String key : CreateTranslator.orEmpty(request.hostConfig().portBindings()).keySet()) {
        ports.add(ContainerPort.parse(key));
      }
    }
    return ports;
  }

  /** The bindings to publish when the container starts. */
  static List<PortBinding> bindings(ContainerCreateTemplate request) throws EngineException {
    List<PortBinding> bindings = new ArrayList<>();
    var host = request.hostConfig();
    Map<String, List<PortBindingTemplate>> explicit =
        host == null ? Map.of() : CreateTranslator.orEmpty(host.portBindings());
    for (Map.Entry<String, List<PortBindingTemplate>> entry : explicit.entrySet()) {
      ContainerPort port = ContainerPort.parse(entry.getKey());
      for (PortBindingTemplate binding : CreateTranslator.orEmpty(entry.getValue())) {
        bindings.add(binding(port, binding));
      }
    }
    if (host != null && host.publishAllPorts()) {
      for (ContainerPort port : exposed(request)) {
        if (!explicit.containsKey(port.key()) && !explicit.containsKey(port.port() + "")) {
          bindings.add(
              new PortBinding(port.protocol(), Optional.empty(), Optional.empty(), port.port()));
        }
      }
    }
    return bindings;
  }

  private static PortBinding binding(ContainerPort port, PortBindingTemplate binding)
      throws EngineException {
    String hostIp = CreateTranslator.nonNull(binding == null ? null : binding.hostIp());
    String hostPort = CreateTranslator.nonNull(binding == null ? null : binding.hostPort());
    Optional<Ipv4Address> ip =
        hostIp.isEmpty() || hostIp.equals("0.0.0.0")
            ? Optional.empty()
            : Optional.of(parseIp(hostIp));
    Optional<PortRange> range =
        hostPort.isEmpty() || hostPort.equals("0")
            ? Optional.empty()
            : Optional.of(PortRange.parse(hostPort));
    return new PortBinding(port.protocol(), ip, range, port.port());
  }

  private static Ipv4Address parseIp(String text) throws EngineException {
    if (text.contains(":")) {
      throw CreateTranslator.unsupported("IPv6 host address \"" + text + "\" in PortBindings");
    }
    return Ipv4Address.parse(text);
  }
}
