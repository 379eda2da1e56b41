package dev.berth.runtime.network;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of the driver's state ({@code network/networks.json}): each network with its bridge
 * and subnet, and each endpoint with what re-adopting it after an engine restart needs.
 */
record StoredState(int version, Map<String, StoredState.Network> networks) {
  static final int CURRENT_VERSION = 1;

  StoredState {
    networks = new TreeMap<>(networks == null ? Map.of() : networks);
  }

  /** A network as created. */
  record Network(
      String id,
      String name,
      boolean internal,
      String subnet,
      String gateway,
      String bridge,
      int mtu,
      Map<String, Endpoint> endpoints,
      Map<String, String> labels,
      boolean attachable,
      Map<String, String> options,
      String created) {
    Network {
      endpoints = new TreeMap<>(endpoints == null ? Map.of() : endpoints);
      labels = labels == null ? Map.of() : new TreeMap<>(labels);
      options = options == null ? Map.of() : new TreeMap<>(options);
    }
  }

  /** An attached endpoint, its DNS names and servers, and its published ports. */
  record Endpoint(
      String endpointId,
      String netnsId,
      String netnsFile,
      String hostInterface,
      String interfaceName,
      String address,
      String mac,
      List<String> dnsNames,
      List<String> dnsServers,
      List<Port> ports) {
    Endpoint {
      dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
      dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
      ports = ports == null ? List.of() : List.copyOf(ports);
    }
  }

  /** A published port; hostIp null for every address. */
  record Port(String protocol, String hostIp, int hostPort, int containerPort) {}
}
