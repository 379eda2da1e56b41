package dev.berth.runtime.server;

import dev.berth.runtime.network.BridgeNetwork;
import dev.berth.runtime.network.ipam.PoolRange;
import dev.berth.runtime.network.ipam.SubnetPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Configs for berthds a test starts side by side with others on a shared host: each with its own
 * bridge name, nft table and iptables chain. {@link #cleanUp} removes the networks each root made,
 * so nothing stays on the host.
 */
public final class IsolatedBerthds {
  private final Map<Path, Berthd.Config> used = new LinkedHashMap<>();

  /** A fresh network config: bridge {@code berthT} + 8 hex, table and chain named alike. */
  public static Berthd.NetworkConfig network() {
    String suffix = suffix();
    return network(suffix);
  }

  static String suffix() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  }

  static Berthd.NetworkConfig network(String suffix) {
    try {
      return new Berthd.NetworkConfig(
          "berthT" + suffix,
          new SubnetPool(List.of(PoolRange.parse("10.199.0.0/16:24"))),
          "berth-t-" + suffix,
          "BERTH-T-" + suffix);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The berthd options that give a berthd process the same isolation. */
  static List<String> options(Berthd.NetworkConfig network) {
    return List.of(
        "--bridge-name",
        network.bridgeName(),
        "--default-address-pool",
        "10.199.0.0/16:24",
        "--firewall-table",
        network.firewallTable());
  }

  /** A config on these paths with its own network names (one per root, reused for it). */
  synchronized Berthd.Config config(Path root, Path execRoot, Path socket) {
    Berthd.Config known = used.get(root.toAbsolutePath());
    Berthd.NetworkConfig network = known != null ? known.network() : network();
    Berthd.Config config = new Berthd.Config(root, execRoot, socket).withNetwork(network);
    used.putIfAbsent(config.root(), config);
    return config;
  }

  /** Removes the networks of every root used; the berthds on them must be closed. */
  synchronized void cleanUp() throws Exception {
    List<Exception> failures = new ArrayList<>();
    for (Berthd.Config config : used.values()) {
      try (Berthd berthd = Berthd.start(config)) {
        removeNetworks(berthd);
      } catch (Exception e) {
        failures.add(e);
      }
    }
    used.clear();
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  public static void removeNetworks(Berthd berthd) throws Exception {
    for (BridgeNetwork network : berthd.engine().networks().networks()) {
      berthd.engine().networks().remove(network.id());
    }
  }
}
