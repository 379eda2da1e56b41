package dev.berth.runtime.network;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.network.dns.Upstream;
import dev.berth.runtime.network.ipam.Durability;
import dev.berth.runtime.network.ipam.Ipam;
import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.ipam.NetworkAllocation;
import dev.berth.runtime.network.ipam.SubnetPool;
import dev.berth.runtime.network.netlink.LinkName;
import dev.berth.runtime.network.netlink.MacAddress;
import dev.berth.runtime.network.netlink.Rtnetlink;
import dev.berth.runtime.network.ports.PortBinding;
import dev.berth.runtime.network.ports.PublishedPort;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Creates and removes bridged networks and wires endpoints into container namespaces, all over
 * rtnetlink in-process: a bridge with the gateway address per network, and per endpoint one veth
 * pair whose container end is born inside the namespace with its final name and MAC.
 *
 * <pre>{@code
 * NetworkDriver driver = NetworkDriver.open(stateRoot, SubnetPool.dockerDefaults(), 53,
 *     new ForwardingUpstream(ResolvConf.parse(hostResolvConf).upstreams(), Duration.ofSeconds(2)),
 *     NetworkFirewall.onHost("berth", "BERTH-FORWARD", listener), listener);
 * driver.create(NetworkSpec.fromCompose(id, "app_default", false, false, ipam, driverOpts));
 * Netns netns = new NetnsDirectory(runRoot.resolve("netns")).create(containerId);
 * NetworkAttachment eth0 = driver.attach(id, EndpointSpec.simple(containerId, netns, names));
 * driver.publish(eth0, bindings);   // before the container starts: a port in use fails here
 * ... run the container in netns.file(), with ResolvConf.forContainer(eth0.gateway(), ...) ...
 * driver.detachLater(eth0);         // on removal; detach(eth0) for a disconnect
 * }</pre>
 */
public final class NetworkDriver implements AutoCloseable {
  private final HostLinks links;
  private final Ipam ipam;
  private final NetworkDns dns;
  private final NetworkFirewall firewall;
  private final NetworkListener listener;
  private final Map<String, Live> networks = new ConcurrentHashMap<>();
  private final PortPublisher ports;
  private final LinkReaper reaper;
  private final NetworkRecords records;
  private final Map<String, NetworkAttachment> attached = new ConcurrentHashMap<>();
  private boolean closed;

  NetworkDriver(
      Rtnetlink host,
      Rtnetlink reaperSocket,
      Ipam ipam,
      NetworkRecords records,
      NetworkDns dns,
      NetworkFirewall firewall,
      NetworkListener listener) {
    this.records = records;
    this.reaper = new LinkReaper(reaperSocket, ipam, listener);
    this.links = new HostLinks(host);
    this.ports = new PortPublisher(firewall);
    this.ipam = ipam;
    this.dns = dns;
    this.firewall = firewall;
    this.listener = listener;
  }

  /** A driver for this host: its own netlink socket, IPAM state under {@code stateRoot}. */
  public static NetworkDriver open(
      Path stateRoot,
      SubnetPool pool,
      int dnsPort,
      Upstream dnsUpstream,
      NetworkFirewall firewall,
      NetworkListener listener)
      throws EngineException {
    return open(
        stateRoot, pool, Durability.SYNC_EVERY_CHANGE, dnsPort, dnsUpstream, firewall, listener);
  }

  /** As {@link #open(Path, SubnetPool, int, Upstream, NetworkFirewall, NetworkListener)}. */
  public static NetworkDriver open(
      Path stateRoot,
      SubnetPool pool,
      Durability durability,
      int dnsPort,
      Upstream dnsUpstream,
      NetworkFirewall firewall,
      NetworkListener listener)
      throws EngineException {
    Rtnetlink host = Rtnetlink.open();
    Ipam ipam =
        new Ipam(
            stateRoot.resolve("network").resolve("ipam.json"),
            pool,
            new NetlinkHostNetworks(host),
            durability);
    NetworkRecords records =
        new NetworkRecords(
            new StateFile(stateRoot.resolve("network").resolve("networks.json")), durability);
    NetworkDriver driver =
        new NetworkDriver(
            host,
            Rtnetlink.open(),
            ipam,
            records,
            new NetworkDns(dnsPort, dnsUpstream, listener::problem),
            firewall,
            listener);
    new Readoption(driver, listener).run(records.networks());
    return driver;
  }

  /** The networks this driver has, created or re-adopted. */
  public List<BridgeNetwork> networks() {
    return networks.values().stream().map(Live::network).toList();
  }

  /** The endpoints attached now, e.g. re-adopted ones the container side must take over. */
  public List<NetworkAttachment> attachments() {
    return List.copyOf(attached.values());
  }

  /**
   * Re-checks the firewall: rewrites berth's nft table and iptables chain and the FORWARD jump as
   * they should be. The engine calls it when it starts; network creation does it too.
   */
  public void recheckFirewall() throws EngineException {
    firewall.reconcile();
  }

  /** The IPAM this driver allocates from, e.g. to pick test subnets that collide with nothing. */
  public Ipam ipam() {
    return ipam;
  }

  /** Creates the bridge, gives it the gateway address, brings it up, and starts its DNS. */
  public BridgeNetwork create(NetworkSpec spec) throws EngineException {
    if (networks.containsKey(spec.id())) {
      throw new EngineException(ErrorKind.CONFLICT, "network " + spec.name() + " exists already");
    }
    NetworkAllocation allocation = ipam.allocateNetwork(spec.id(), spec.ipam());
    LinkName bridge = spec.bridgeName().orElse(HostNames.bridgeFor(spec.id()));
    BridgeNetwork network = new BridgeNetwork(spec, allocation, bridge);
    boolean bridgeMade = false;
    try {
      int index = links.createBridge(bridge, spec.mtu(), allocation);
      bridgeMade = true;
      firewall.networkCreated(network);
      dns.start(spec.id(), allocation.gateway(), spec.internal());
      networks.put(spec.id(), new Live(network, index));
      records.putNetwork(network);
      return network;
    } catch (EngineException | RuntimeException e) {
      undoCreate(network, bridgeMade);
      throw new EngineException(
          e instanceof EngineException ee ? ee.kind() : ErrorKind.INTERNAL,
          "create network " + spec.name() + ": " + e.getMessage(),
          e);
    }
  }

  /**
   * Removes the network: its DNS and firewall rules at once, its bridge, subnet and record in the
   * background ({@link LinkReaper}); its endpoints must be gone.
   */
  public void remove(String networkId) throws EngineException {
    List<String> active =
        attached.values().stream()
            .filter(attachment -> attachment.networkId().equals(networkId))
            .map(NetworkAttachment::endpointId)
            .sorted()
            .toList();
    if (!active.isEmpty()) {
      throw new EngineException(
          ErrorKind.CONFLICT, "network " + networkId + " has active endpoints: " + active);
    }
    Live live = networks.remove(networkId);
    if (live == null) {
      throw new EngineException(ErrorKind.NOT_FOUND, "network " + networkId + " not found");
    }
    BridgeNetwork network = live.network();
    dns.stop(networkId);
    try {
      firewall.networkRemoved(network);
    } catch (EngineException e) {
      listener.problem(
          "remove firewall rules of network " + network.spec().name() + ": " + e.getMessage());
    }
    // The bridge goes in the background, its subnet and record after it: an engine stopped in
    // between re-adopts the network (a `down` removes it again) rather than leaving a bridge.
    reaper.reapBridge(
        network.bridge(),
        "remove network " + network.spec().name(),
        () -> {
          ipam.releaseNetwork(networkId);
          records.removeNetwork(networkId);
        });
  }

  /** Waits until every veth and bridge queued for deletion is gone and its addresses released. */
  public void awaitPendingDeletes() {
    reaper.awaitAll();
  }

  /** Wires {@code endpoint} into its namespace on the network and registers its DNS names. */
  public NetworkAttachment attach(String networkId, EndpointSpec endpoint) throws EngineException {
    Live live = networks.get(networkId);
    if (live == null) {
      throw new EngineException(ErrorKind.NOT_FOUND, "network " + networkId + " not found");
    }
    NetworkAllocation allocation = live.network().allocation();
    LinkName hostEnd = HostNames.vethFor(networkId, endpoint.endpointId());
    // before the address: a pending deletion of this endpoint's old veth releases its address
    // when done, which must not be the one allocated now
    reaper.awaitNames(
        endpoint.netns().file().toString(), endpoint.interfaceName().value(), hostEnd.value());
    Ipv4Address address =
        ipam.allocateAddress(networkId, endpoint.endpointId(), endpoint.staticAddress());
    MacAddress mac = endpoint.mac().orElse(MacAddress.derivedFrom(address));
    try {
      links.wireEndpoint(
          endpoint,
          hostEnd,
          live.bridgeIndex(),
          live.network().spec().mtu(),
          address,
          mac,
          allocation);
    } catch (EngineException | RuntimeException e) {
      releaseQuietly(networkId, endpoint.endpointId());
      throw new EngineException(
          e instanceof EngineException ee ? ee.kind() : ErrorKind.INTERNAL,
          "attach "
              + endpoint.endpointId()
              + " to network "
              + live.network().spec().name()
              + ": "
              + e.getMessage(),
          e);
    }
    dns.register(
        networkId, endpoint.endpointId(), address, endpoint.dnsNames(), endpoint.dnsServers());
    NetworkAttachment attachment =
        new NetworkAttachment(
            networkId,
            endpoint.endpointId(),
            endpoint.netns(),
            hostEnd,
            endpoint.interfaceName(),
            address,
            allocation.subnet(),
            allocation.gateway(),
            mac);
    attached.put(owner(attachment), attachment);
    records.putEndpoint(attachment, endpoint);
    return attachment;
  }

  /**
   * Publishes ports to the endpoint: reserves every host port first (a port in use fails here,
   * naming it, with nothing published), then adds the DNATs. Replaces earlier publications.
   */
  public List<PublishedPort> publish(NetworkAttachment attachment, List<PortBinding> bindings)
      throws EngineException {
    List<PublishedPort> published = ports.publish(owner(attachment), attachment, bindings);
    records.setPorts(attachment, published);
    return published;
  }

  /** The endpoint's published ports now, e.g. a re-adopted endpoint's. */
  public List<PublishedPort> published(NetworkAttachment attachment) {
    return ports.published(owner(attachment));
  }

  /** Removes the endpoint's published ports and gives their host ports back. */
  public void unpublish(NetworkAttachment attachment) throws EngineException {
    if (ports.unpublish(owner(attachment))) {
      records.setPorts(attachment, List.of());
    }
  }

  /** Unwires the endpoint: its ports, its names, its veth pair (both ends), its address. */
  public void detach(NetworkAttachment attachment) throws EngineException {
    unpublish(attachment);
    dns.unregister(attachment.networkId(), attachment.endpointId());
    attached.remove(owner(attachment));
    records.removeEndpoint(attachment.networkId(), attachment.endpointId());
    links.deleteIfPresent(attachment.hostInterface());
    ipam.releaseAddress(attachment.networkId(), attachment.endpointId());
  }

  /**
   * Like {@link #detach} but returns once the endpoint is out of DNS and its ports are unpublished,
   * leaving the kernel's slow veth deletion (then the address release) to a background thread; for
   * containers being removed. A later attach reusing the names waits for it.
   */
  public void detachLater(NetworkAttachment attachment) throws EngineException {
    unpublish(attachment);
    dns.unregister(attachment.networkId(), attachment.endpointId());
    attached.remove(owner(attachment));
    records.removeEndpoint(attachment.networkId(), attachment.endpointId());
    reaper.reap(attachment);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Networks, endpoints and rules stay: a restarted engine re-adopts them. Sockets go.
    ports.close();
    reaper.close();
    dns.close();
    firewall.close();
    links.close();
  }

  /** Takes over a network from an earlier engine run, re-making its bridge if it went. */
  void adoptNetwork(BridgeNetwork network) throws EngineException {
    NetworkAllocation allocation = ipam.allocateNetwork(network.id(), network.spec().ipam());
    LinkName bridge = network.bridge();
    int index = links.ensureBridge(bridge, network.spec().mtu(), allocation);
    BridgeNetwork adopted = new BridgeNetwork(network.spec(), allocation, bridge);
    firewall.networkCreated(adopted);
    dns.start(network.id(), allocation.gateway(), network.spec().internal());
    networks.put(network.id(), new Live(adopted, index));
  }

  /**
   * Takes over an endpoint whose namespace and veth are still there (names, ports); one whose
   * container went with the engine is forgotten and its address released.
   */
  void adoptEndpoint(
      NetworkAttachment attachment,
      List<String> names,
      List<InetSocketAddress> servers,
      List<PortBinding> ports)
      throws EngineException {
    boolean alive =
        Files.exists(attachment.netns().file()) && links.exists(attachment.hostInterface());
    if (!alive) {
      deleteQuietly(attachment.hostInterface());
      ipam.releaseAddress(attachment.networkId(), attachment.endpointId());
      records.removeEndpoint(attachment.networkId(), attachment.endpointId());
      return;
    }
    dns.register(
        attachment.networkId(), attachment.endpointId(), attachment.address(), names, servers);
    attached.put(owner(attachment), attachment);
    if (!ports.isEmpty()) {
      publish(attachment, ports);
    }
  }

  private void undoCreate(BridgeNetwork network, boolean bridgeMade) {
    dns.stop(network.id());
    try {
      firewall.networkRemoved(network);
    } catch (EngineException e) {
      listener.problem(
          "remove firewall rules of network " + network.spec().name() + ": " + e.getMessage());
    }
    if (bridgeMade) {
      deleteQuietly(network.bridge());
    }
    try {
      ipam.releaseNetwork(network.id());
    } catch (EngineException e) {
      listener.problem(e.getMessage());
    }
  }

  private void deleteQuietly(LinkName link) {
    try {
      links.deleteIfPresent(link);
    } catch (EngineException e) {
      listener.problem(e.getMessage());
    }
  }

  private void releaseQuietly(String networkId, String endpointId) {
    try {
      ipam.releaseAddress(networkId, endpointId);
    } catch (EngineException e) {
      listener.problem(e.getMessage());
    }
  }

  private static String owner(NetworkAttachment attachment) {
    return attachment.networkId() + "/" + attachment.endpointId();
  }

  /** A network this driver runs, with its bridge's interface index. */
  private record Live(BridgeNetwork network, int bridgeIndex) {}
}
