package dev.berth.runtime.network.ipam;

import dev.berth.runtime.api.EngineException;
import java.util.List;

/** The subnets the host already routes or has addresses in; injected so IPAM is testable. */
@FunctionalInterface
public interface HostNetworks {

  /** Every route destination and address subnet on the host; default routes are ignored. */
  List<Subnet> subnetsInUse() throws EngineException;
}
