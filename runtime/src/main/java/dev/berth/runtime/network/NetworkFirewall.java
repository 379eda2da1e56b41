package dev.berth.runtime.network;

import dev.berth.runtime.api.EngineException;

/** The firewall side of a network's life: rules when it is created, none once it is removed. */
public interface NetworkFirewall extends AutoCloseable {

  /**
   * berth's firewall on this host: nft table {@code table} through libnftables in-process, and the
   * iptables chain {@code chain} jumped from FORWARD ({@code berth}/{@code BERTH-FORWARD}
   * normally).
   */
  static NetworkFirewall onHost(String table, String chain, NetworkListener listener)
      throws EngineException {
    dev.berth.runtime.network.netlink.Nftables nft =
        dev.berth.runtime.network.netlink.Nftables.open();
    dev.berth.runtime.network.firewall.Firewall firewall =
        new dev.berth.runtime.network.firewall.Firewall(
            table, chain, nft::run, new dev.berth.runtime.network.firewall.ProcessCommandRunner());
    return new FirewallAdapter(firewall, java.nio.file.Path.of("/proc/sys/net"), nft, listener);
  }

  /** Adds and removes the DNATs of one endpoint's published ports. */
  default void publish(
      String owner, java.util.List<dev.berth.runtime.network.firewall.PortForward> forwards)
      throws EngineException {
    if (!forwards.isEmpty()) {
      throw new EngineException(
          dev.berth.runtime.api.ErrorKind.UNSUPPORTED, "this firewall cannot publish ports");
    }
  }

  default void unpublish(String owner) throws EngineException {}

  /** Rewrites every rule as it should be: at engine start, or when someone removed some. */
  default void reconcile() throws EngineException {}

  @Override
  default void close() {}

  void networkCreated(BridgeNetwork network) throws EngineException;

  void networkRemoved(BridgeNetwork network) throws EngineException;

  /** No rules at all: for unit tests and hosts whose firewall berth must not touch. */
  static NetworkFirewall none() {
    return new NetworkFirewall() {
      @Override
      public void networkCreated(BridgeNetwork network) {}

      @Override
      public void networkRemoved(BridgeNetwork network) {}
    };
  }
}
