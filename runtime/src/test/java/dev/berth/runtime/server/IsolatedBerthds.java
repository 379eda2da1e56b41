package dev.berth.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.network.BridgeNetwork;
import dev.berth.runtime.network.ipam.PoolRange;
import dev.berth.runtime.network.ipam.SubnetPool;
import dev.berth.testkit.HostLeakCheck;
import dev.berth.testkit.Leak;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Configs for berthds a test starts side by side with others on a shared host: each with its own
 * bridge name, nft table and iptables chain. {@link #cleanUp} removes the networks each root made
 * and fails if anything named after them is left on the host.
 */
public final class IsolatedBerthds {
  private final Map<Path, Berthd.Config> used = new LinkedHashMap<>();
  private final HostLeakCheck.Snapshot before = HostLeakCheck.snapshot();

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
      return Berthd.NetworkConfig.named(
          "berthT" + suffix,
          new SubnetPool(List.of(PoolRange.parse("10.199.0.0/16:24"))),
          "berth-t-" + suffix);
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

  /**
   * Removes the networks of every root used, then checks that no bridge, nft table or iptables
   * chain of theirs is left; the berthds on them must be closed.
   */
  synchronized void cleanUp() throws Exception {
    List<Exception> failures = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Berthd.Config config : used.values()) {
      Berthd.NetworkConfig network = config.network();
      names.addAll(List.of(network.bridgeName(), network.firewallTable(), network.firewallChain()));
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
    List<Leak> left =
        HostLeakCheck.leakedSince(before).stream()
            .filter(
                leak ->
                    names.stream()
                        .anyMatch(
                            name ->
                                leak.name()
                                    .toLowerCase(Locale.ROOT)
                                    .contains(name.toLowerCase(Locale.ROOT))))
            .toList();
    assertThat(left).as("host objects of this test's berthds").isEmpty();
  }

  public static void removeNetworks(Berthd berthd) throws Exception {
    for (BridgeNetwork network : berthd.engine().networks().networks()) {
      berthd.engine().networks().remove(network.id());
    }
  }
}
