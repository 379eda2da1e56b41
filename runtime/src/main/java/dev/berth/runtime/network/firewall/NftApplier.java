package dev.berth.runtime.network.firewall;

import dev.berth.runtime.api.EngineException;

/** Applies an nft script as one transaction: libnftables in-process, or a fake in tests. */
@FunctionalInterface
public interface NftApplier {
  void apply(String action, String script) throws EngineException;
}
