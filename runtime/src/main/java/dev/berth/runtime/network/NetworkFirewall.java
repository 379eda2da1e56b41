package dev.berth.runtime.network;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.network.firewall.Firewall;
import dev.berth.runtime.network.firewall.PortForward;
import dev.berth.runtime.network.firewall.ProcessCommandRunner;
import dev.berth.runtime.network.netlink.Nftables;
import java.nio.file.Path;
import java.util.List;

/** The firewall side of a network's life: rules when it is created, none once it is removed. */
public interface NetworkFirewall extends AutoCloseable {

  /**
   * berth's firewall on this host: nft table {@code table} through libnftables in-process, and the
   * iptables chain {@code chain} jumped from FORWARD ({@code berth}/{@code BERTH-FORWARD}
   * normally).
   */
  static NetworkFirewall onHost(String table, String chain, NetworkListener listener)
      throws EngineException {
    Nftables nft = Nftables.open();
    Firewall firewall = new Firewall(table, chain, nft::run, new ProcessCommandRunner());
    return new FirewallAdapter(firewall, Path.of("/proc/sys/net"), nft, listener);
  }

  /** No rules at all: for tests and hosts whose firewall berth must not touch; no ports. */
  static NetworkFirewall none() {
    return new NetworkFirewall() {
      @Override
      public void networkCreated(BridgeNetwork network) {}

      @Override
      public void networkRemoved(BridgeNetwork network) {}
    };
  }

  void networkCreated(BridgeNetwork network) throws EngineException;

  void networkRemoved(BridgeNetwork network) throws EngineException;

  /** Replaces the DNATs of one endpoint's published ports. */
  default void publish(String owner, List<PortForward> forwards) throws EngineException {
    if (!forwards.isEmpty()) {
      throw new EngineException(ErrorKind.UNSUPPORTED, "this firewall cannot publish ports");
    }
  }

  default void unpublish(String owner) throws EngineException {}

  /** Rewrites every rule as it should be: at engine start, or when someone removed some. */
  default void reconcile() throws EngineException {}

  @Override
  default void close() {}
}
