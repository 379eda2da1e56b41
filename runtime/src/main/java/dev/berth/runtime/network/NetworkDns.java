package dev.berth.runtime.network;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.network.dns.DnsEntry;
import dev.berth.runtime.network.dns.DnsListener;
import dev.berth.runtime.network.dns.DnsServer;
import dev.berth.runtime.network.dns.ForwardingUpstream;
import dev.berth.runtime.network.dns.NameTable;
import dev.berth.runtime.network.dns.QueryHandler;
import dev.berth.runtime.network.dns.Upstream;
import dev.berth.runtime.network.ipam.Ipv4Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** One DNS server per network on its gateway address, each with that network's names only. */
final class NetworkDns implements AutoCloseable {
  private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(2);
  private final int port;
  private final Upstream upstream;
  private final DnsListener listener;
  private final Map<String, Served> byNetwork = new ConcurrentHashMap<>();

  NetworkDns(int port, Upstream upstream, DnsListener listener) {
    this.port = port;
    this.upstream = upstream;
    this.listener = listener;
  }

  /** Starts answering on {@code gateway}; an internal network's server forwards nothing. */
  void start(String networkId, Ipv4Address gateway, boolean internal) throws EngineException {
    NameTable names = new NameTable();
    QueryHandler handler =
        new QueryHandler(names, internal ? Optional.empty() : Optional.of(upstream), listener);
    DnsServer server =
        DnsServer.start(new InetSocketAddress(gateway.toInetAddress(), port), handler, listener);
    byNetwork.put(networkId, new Served(server, names, handler));
  }

  void stop(String networkId) {
    Served served = byNetwork.remove(networkId);
    if (served != null) {
      served.server().close();
    }
  }

  /** Registers the endpoint's names; {@code servers} (compose's dns:) get its other queries. */
  void register(
      String networkId,
      String endpointId,
      Ipv4Address address,
      List<String> names,
      List<InetSocketAddress> servers) {
    Served served = byNetwork.get(networkId);
    if (served != null) {
      if (!servers.isEmpty()) {
        served.handler().useUpstreamFor(endpointId, new ForwardingUpstream(servers, TIMEOUT));
      }
      served.names().register(new DnsEntry(endpointId, address, names));
    }
  }

  void unregister(String networkId, String endpointId) {
    Served served = byNetwork.get(networkId);
    if (served != null) {
      served.names().unregister(endpointId);
      served.handler().forgetEndpoint(endpointId);
    }
  }

  @Override
  public void close() {
    byNetwork.keySet().forEach(this::stop);
  }

  /** One network's running server, its names and its handler. */
  private record Served(DnsServer server, NameTable names, QueryHandler handler) {}
}
