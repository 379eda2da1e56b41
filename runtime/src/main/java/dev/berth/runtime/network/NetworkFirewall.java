package dev.berth.runtime.network;

import dev.berth.runtime.api.EngineException;

/** The firewall side of a network's life: rules when it is created, none once it is removed. */
public interface NetworkFirewall {

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
