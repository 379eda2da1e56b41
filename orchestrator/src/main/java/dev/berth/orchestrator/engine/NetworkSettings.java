package dev.berth.orchestrator.engine;

import java.util.List;
import java.util.Map;

/**
 * What a compose network asks its engine for: {@code driver}, {@code internal}, {@code attachable},
 * {@code driver_opts} and {@code ipam} (its driver, options and subnets).
 */
public record NetworkSettings(
    String driver,
    boolean internal,
    boolean attachable,
    Map<String, String> driverOpts,
    String ipamDriver,
    Map<String, String> ipamOptions,
    List<Pool> pools) {

  public NetworkSettings {
    driverOpts = Map.copyOf(driverOpts);
    ipamOptions = Map.copyOf(ipamOptions);
    pools = List.copyOf(pools);
  }

  /** A bridge network with the engine's defaults. */
  public static NetworkSettings bridge() {
    return new NetworkSettings("bridge", false, false, Map.of(), null, Map.of(), List.of());
  }

  /** One {@code ipam.config} entry; null fields are the engine's choice. */
  public record Pool(
      String subnet, String ipRange, String gateway, Map<String, String> auxAddresses) {
    public Pool {
      auxAddresses = Map.copyOf(auxAddresses);
    }
  }
}
