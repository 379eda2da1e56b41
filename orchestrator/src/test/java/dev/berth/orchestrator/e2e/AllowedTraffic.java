package dev.berth.orchestrator.e2e;

import java.util.ArrayList;
import java.util.List;

/** The iptables FORWARD rules {@link TestEngine#allowTrafficWithinNetworksOf} inserted. */
final class AllowedTraffic implements AutoCloseable {
  private final List<List<String>> rules;

  AllowedTraffic(List<List<String>> rules) {
    this.rules = new ArrayList<>(rules);
  }

  /** Deletes the rules; a second call does nothing. */
  @Override
  public synchronized void close() {
    rules.forEach(rule -> TestEngine.iptables("-D", rule));
    rules.clear();
  }
}
