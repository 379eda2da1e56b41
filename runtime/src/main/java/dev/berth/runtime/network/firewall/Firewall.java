package dev.berth.runtime.network.firewall;

import dev.berth.runtime.api.EngineException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * berth's whole firewall state: the networks and published ports it knows, written to its nft table
 * on every change (so a rule someone removed comes back) and to its iptables chain when the engine
 * starts and when a network changes the chain's rules (most do not: they name berth's bridges by
 * prefix), with the FORWARD jump put back each time, and removed entirely with the last network.
 */
public final class Firewall {
  private final String table;
  private final NftApplier nft;
  private final IptablesForwardChain iptables;
  private final Map<String, FirewallNetwork> networks = new LinkedHashMap<>();
  private final Map<String, List<PortForward>> ports = new LinkedHashMap<>();

  /**
   * @param table the nft table, {@code berth} (or {@code berth-test-...} in tests)
   * @param chain the iptables chain, {@code BERTH-FORWARD} (or {@code BERTH-T-...} in tests)
   */
  public Firewall(String table, String chain, NftApplier nft, CommandRunner runner) {
    if (!table.matches("berth[A-Za-z0-9_-]{0,40}")) {
      throw new IllegalArgumentException("invalid berth nft table name \"" + table + "\"");
    }
    this.table = table;
    this.nft = nft;
    this.iptables = new IptablesForwardChain(chain, runner);
  }

  public synchronized void addNetwork(FirewallNetwork network) throws EngineException {
    networks.put(network.id(), network);
    apply("add network " + network.id(), Chain.WRITE);
  }

  public synchronized void removeNetwork(String networkId) throws EngineException {
    networks.remove(networkId);
    apply("remove network " + networkId, Chain.WRITE);
  }

  /** Adds the DNATs of one owner (a container endpoint), replacing any it had. */
  public synchronized void publish(String owner, List<PortForward> forwards)
      throws EngineException {
    ports.put(owner, List.copyOf(forwards));
    apply("publish ports of " + owner, Chain.KEEP);
  }

  public synchronized void unpublish(String owner) throws EngineException {
    if (ports.remove(owner) != null) {
      apply("unpublish ports of " + owner, Chain.KEEP);
    }
  }

  /** Rewrites everything as it should be, e.g. when the engine starts. */
  public synchronized void reconcile() throws EngineException {
    apply("reconcile firewall", Chain.REWRITE);
  }

  /**
   * What a change does to the iptables chain, whose rules name only bridges: each iptables process
   * costs ~15 ms, a published port's start and removal need none.
   */
  private enum Chain {
    /** Ports only: the chain stays as it is. */
    KEEP,
    /** Networks changed: rewrite the chain (and check the FORWARD jump) if its rules change. */
    WRITE,
    /** Rewrite the chain and put the FORWARD jump back if someone removed it. */
    REWRITE
  }

  private void apply(String action, Chain chain) throws EngineException {
    if (networks.isEmpty()) {
      nft.apply(action, NftRuleset.delete(table));
      iptables.remove();
      return;
    }
    List<FirewallNetwork> all = List.copyOf(networks.values());
    List<PortForward> forwards = new ArrayList<>();
    ports.values().forEach(forwards::addAll);
    nft.apply(action, NftRuleset.replace(table, all, forwards));
    if (chain != Chain.KEEP) {
      iptables.apply(all, chain == Chain.REWRITE);
    }
  }
}
