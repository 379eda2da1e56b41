package dev.berth.runtime.network.ipam;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.network.ipam.IpamFile.StoredNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Gives networks subnets and endpoints addresses, persisted in one JSON file so that nothing is
 * handed out twice, across threads, engines sharing the state root, and restarts.
 */
public final class Ipam {
  private final IpamStore store;
  private final SubnetPool pool;
  private final HostNetworks host;

  private final Durability durability;

  public Ipam(Path stateFile, SubnetPool pool, HostNetworks host) {
    this(stateFile, pool, host, Durability.SYNC_EVERY_CHANGE);
  }

  public Ipam(Path stateFile, SubnetPool pool, HostNetworks host, Durability durability) {
    this.durability = durability;
    this.store = new IpamStore(stateFile);
    this.pool = pool;
    this.host = host;
  }

  /**
   * The network's subnet and gateway: what it already has, else what {@code request} names, else
   * the pool's first subnet that overlaps no host route or address and no other network.
   */
  public NetworkAllocation allocateNetwork(String networkId, IpamRequest request)
      throws EngineException {
    List<Subnet> onHost = hostSubnets();
    return store.update(
        state -> {
          StoredNetwork existing = state.networks().get(networkId);
          if (existing != null) {
            return toAllocation(networkId, existing);
          }
          Subnet subnet =
              request.subnet().isPresent()
                  ? checkRequested(networkId, request.subnet().get(), state, onHost)
                  : pick(networkId, state, onHost);
          Ipv4Address gateway = request.gateway().orElse(subnet.firstHost());
          if (!subnet.isUsableHost(gateway)) {
            throw new EngineException(
                ErrorKind.INVALID_ARGUMENT,
                "network "
                    + networkId
                    + ": gateway "
                    + gateway
                    + " is not a usable address of "
                    + subnet);
          }
          String ipRange = null;
          if (request.ipRange().isPresent()) {
            Subnet range = request.ipRange().get();
            if (request.subnet().isEmpty()
                || !subnet.contains(range.network())
                || range.prefixLength() < subnet.prefixLength()) {
              throw new EngineException(
                  ErrorKind.INVALID_ARGUMENT,
                  "network "
                      + networkId
                      + ": ip range "
                      + range
                      + " must lie inside the network's requested subnet");
            }
            ipRange = range.toString();
          }
          state
              .networks()
              .put(
                  networkId,
                  new StoredNetwork(subnet.toString(), gateway.toString(), Map.of(), ipRange));
          return new NetworkAllocation(networkId, subnet, gateway);
        });
  }

  /** Forgets the network and every address in it; unknown ids are ignored. */
  public void releaseNetwork(String networkId) throws EngineException {
    store.update(state -> state.networks().remove(networkId));
  }

  public Optional<NetworkAllocation> network(String networkId) throws EngineException {
    return store.read(
        state -> {
          StoredNetwork stored = state.networks().get(networkId);
          return stored == null ? Optional.empty() : Optional.of(toAllocation(networkId, stored));
        });
  }

  /**
   * The endpoint's address on the network: what it already has, else {@code requested} (compose's
   * {@code ipv4_address}) when free, else the lowest free address that is not the gateway.
   */
  public Ipv4Address allocateAddress(
      String networkId, String endpointId, Optional<Ipv4Address> requested) throws EngineException {
    return store.update(
        state -> {
          StoredNetwork network = requireNetwork(state, networkId);
          String existing = network.endpoints().get(endpointId);
          if (existing != null) {
            return Ipv4Address.parse(existing);
          }
          NetworkAllocation allocation = toAllocation(networkId, network);
          Set<Ipv4Address> taken = new HashSet<>();
          taken.add(allocation.gateway());
          for (String address : network.endpoints().values()) {
            taken.add(Ipv4Address.parse(address));
          }
          Ipv4Address address =
              requested.isPresent()
                  ? checkRequested(allocation, requested.get(), taken, network)
                  : lowestFree(allocation, taken, range(network));
          network.endpoints().put(endpointId, address.toString());
          return address;
        },
        syncAddresses());
  }

  /** Gives the endpoint's address back; unknown networks and endpoints are ignored. */
  public void releaseAddress(String networkId, String endpointId) throws EngineException {
    store.update(
        state -> {
          StoredNetwork network = state.networks().get(networkId);
          return network == null ? null : network.endpoints().remove(endpointId);
        },
        syncAddresses());
  }

  private boolean syncAddresses() {
    return durability == Durability.SYNC_EVERY_CHANGE;
  }

  private List<Subnet> hostSubnets() throws EngineException {
    List<Subnet> subnets = new ArrayList<>();
    for (Subnet subnet : host.subnetsInUse()) {
      if (subnet.prefixLength() > 0) {
        subnets.add(subnet);
      }
    }
    return subnets;
  }

  private Subnet pick(String networkId, IpamFile state, List<Subnet> onHost)
      throws EngineException {
    List<Subnet> taken = new ArrayList<>(onHost);
    taken.addAll(berthSubnets(state));
    return pool.firstFree(taken)
        .orElseThrow(
            () ->
                new EngineException(
                    ErrorKind.UNAVAILABLE,
                    "network "
                        + networkId
                        + ": every subnet of the address pool "
                        + pool.ranges()
                        + " overlaps a host route or another network"));
  }

  private static Subnet checkRequested(
      String networkId, Subnet requested, IpamFile state, List<Subnet> onHost)
      throws EngineException {
    for (Map.Entry<String, StoredNetwork> other : state.networks().entrySet()) {
      Subnet subnet = Subnet.parse(other.getValue().subnet());
      if (subnet.overlaps(requested)) {
        throw new EngineException(
            ErrorKind.CONFLICT,
            "network "
                + networkId
                + ": subnet "
                + requested
                + " overlaps "
                + subnet
                + " of network "
                + other.getKey());
      }
    }
    for (Subnet subnet : onHost) {
      if (subnet.overlaps(requested)) {
        throw new EngineException(
            ErrorKind.CONFLICT,
            "network "
                + networkId
                + ": subnet "
                + requested
                + " overlaps "
                + subnet
                + ", which the host already routes");
      }
    }
    return requested;
  }

  private static Ipv4Address checkRequested(
      NetworkAllocation network,
      Ipv4Address requested,
      Set<Ipv4Address> taken,
      StoredNetwork stored)
      throws EngineException {
    if (!network.subnet().isUsableHost(requested)) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "network "
              + network.networkId()
              + ": address "
              + requested
              + " is not a usable address of "
              + network.subnet());
    }
    if (taken.contains(requested)) {
      String holder =
          requested.equals(network.gateway())
              ? "the gateway"
              : "endpoint "
                  + stored.endpoints().entrySet().stream()
                      .filter(e -> e.getValue().equals(requested.toString()))
                      .map(Map.Entry::getKey)
                      .findFirst()
                      .orElse("?");
      throw new EngineException(
          ErrorKind.CONFLICT,
          "network "
              + network.networkId()
              + ": address "
              + requested
              + " is already in use by "
              + holder);
    }
    return requested;
  }

  /** The range dynamic addresses of a network come from, if it has one. */
  public Optional<Subnet> ipRange(String networkId) throws EngineException {
    return store.read(
        state -> {
          StoredNetwork stored = state.networks().get(networkId);
          return stored == null ? Optional.<Subnet>empty() : range(stored);
        });
  }

  private static Optional<Subnet> range(StoredNetwork network) throws EngineException {
    return network.ipRange() == null
        ? Optional.empty()
        : Optional.of(Subnet.parse(network.ipRange()));
  }

  private static Ipv4Address lowestFree(
      NetworkAllocation network, Set<Ipv4Address> taken, Optional<Subnet> range)
      throws EngineException {
    Subnet subnet = network.subnet();
    Subnet from = range.orElse(subnet);
    for (long n = 0; n < from.size(); n++) {
      Ipv4Address candidate = from.network().plus(n);
      if (subnet.isUsableHost(candidate) && !taken.contains(candidate)) {
        return candidate;
      }
    }
    throw new EngineException(
        ErrorKind.UNAVAILABLE,
        "network " + network.networkId() + ": no free address left in " + from);
  }

  private static List<Subnet> berthSubnets(IpamFile state) throws EngineException {
    List<Subnet> subnets = new ArrayList<>();
    for (StoredNetwork network : state.networks().values()) {
      subnets.add(Subnet.parse(network.subnet()));
    }
    return subnets;
  }

  private static StoredNetwork requireNetwork(IpamFile state, String networkId)
      throws EngineException {
    StoredNetwork network = state.networks().get(networkId);
    if (network == null) {
      throw new EngineException(
          ErrorKind.NOT_FOUND, "network " + networkId + " has no IPAM allocation");
    }
    return network;
  }

  private static NetworkAllocation toAllocation(String networkId, StoredNetwork stored)
      throws EngineException {
    return new NetworkAllocation(
        networkId, Subnet.parse(stored.subnet()), Ipv4Address.parse(stored.gateway()));
  }
}
