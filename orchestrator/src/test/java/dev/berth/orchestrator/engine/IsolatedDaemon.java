package dev.berth.orchestrator.engine;

import dev.berth.runtime.network.ipam.PoolRange;
import dev.berth.runtime.network.ipam.SubnetPool;
import dev.berth.runtime.server.Berthd;
import dev.berth.runtime.server.IsolatedBerthds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Network names of their own for the berthds the CLI tests start as processes (bridge, nft table,
 * iptables chain, subnet pool), given to them through {@code BERTH_BERTHD_OPTS}; {@link
 * #removeNetworks} takes away what such a berthd left on the host once it has stopped.
 */
public final class IsolatedDaemon {
  private final String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
  // a /16 of its own per daemon: a test JVM that cleaned up an earlier one may still hold that
  // one's DNS socket on its gateway (see NOTES.md)
  private final String pool =
      "10."
          + (176 + ThreadLocalRandom.current().nextInt(8))
          + "."
          + 16 * ThreadLocalRandom.current().nextInt(16)
          + ".0/20:24"; // 16 subnets: the default bridge and a few project networks

  /** The environment entry that gives a berthd these names. */
  public Map<String, String> env() {
    return Map.of(
        "BERTH_BERTHD_OPTS",
        String.join(
            " ",
            "--bridge-name",
            bridge(),
            "--default-address-pool",
            pool,
            "--firewall-table",
            table()));
  }

  /** Removes the networks (default bridge included) of the stopped berthd on these roots. */
  public void removeNetworks(Path root, Path execRoot) throws Exception {
    if (!Files.isDirectory(root.resolve("network"))) {
      return;
    }
    Berthd.NetworkConfig network =
        Berthd.NetworkConfig.named(
            bridge(), new SubnetPool(List.of(PoolRange.parse(pool))), table());
    Berthd.Config config =
        new Berthd.Config(root, execRoot, execRoot.resolve("cleanup.sock")).withNetwork(network);
    try (Berthd berthd = Berthd.start(config)) {
      IsolatedBerthds.removeNetworks(berthd);
    }
  }

  private String bridge() {
    return "berthE" + suffix;
  }

  private String table() {
    return "berth-e-" + suffix;
  }
}
