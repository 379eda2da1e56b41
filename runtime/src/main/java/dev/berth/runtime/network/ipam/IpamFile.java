package dev.berth.runtime.network.ipam;

import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of IPAM state, e.g. {@code {"version":1,"networks":{"n1":{"subnet":"172.18.0.0/16",
 * "gateway":"172.18.0.1","endpoints":{"c1":"172.18.0.2"}}}}}.
 */
record IpamFile(int version, Map<String, StoredNetwork> networks) {

  static final int CURRENT_VERSION = 1;

  IpamFile {
    networks = new TreeMap<>(networks == null ? Map.of() : networks);
  }

  static IpamFile empty() {
    return new IpamFile(CURRENT_VERSION, Map.of());
  }

  /**
   * One network's allocation and the addresses of its endpoints, by endpoint id; {@code ipRange}
   * (null: the whole subnet) is where dynamic addresses come from.
   */
  record StoredNetwork(
      String subnet, String gateway, Map<String, String> endpoints, String ipRange) {
    StoredNetwork {
      endpoints = new TreeMap<>(endpoints == null ? Map.of() : endpoints);
    }

    StoredNetwork(String subnet, String gateway, Map<String, String> endpoints) {
      this(subnet, gateway, endpoints, null);
    }
  }
}
