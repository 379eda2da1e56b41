package dev.berth.runtime.server;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.image.store.ImageLoader;
import dev.berth.runtime.image.store.ImageSaver;
import dev.berth.runtime.image.store.ImageStore;
import dev.berth.runtime.layer.LayerLimits;
import dev.berth.runtime.layer.LinuxSpecialFiles;
import dev.berth.runtime.network.BridgeNetwork;
import dev.berth.runtime.network.NetworkDriver;
import dev.berth.runtime.network.NetworkFirewall;
import dev.berth.runtime.network.NetworkListener;
import dev.berth.runtime.network.dns.DnsListener;
import dev.berth.runtime.network.dns.DnsServer;
import dev.berth.runtime.network.dns.ForwardingUpstream;
import dev.berth.runtime.network.dns.NameTable;
import dev.berth.runtime.network.dns.QueryHandler;
import dev.berth.runtime.network.ipam.PoolRange;
import dev.berth.runtime.network.ipam.SubnetPool;
import dev.berth.runtime.registry.RegistryConfig;
import dev.berth.runtime.server.endpoints.EngineIdentity;
import dev.berth.runtime.server.endpoints.EventsEndpoint;
import dev.berth.runtime.server.endpoints.HostFacts;
import dev.berth.runtime.server.endpoints.ImageEndpoints;
import dev.berth.runtime.server.endpoints.ImagePullers;
import dev.berth.runtime.server.endpoints.NetworkEndpoints;
import dev.berth.runtime.server.endpoints.NotImplementedEndpoints;
import dev.berth.runtime.server.endpoints.SystemEndpoints;
import dev.berth.runtime.server.endpoints.VolumeEndpoints;
import dev.berth.runtime.server.engine.ContainerCounts;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.runtime.server.engine.FakeContainerLinks;
import dev.berth.runtime.server.http.ApiServer;
import dev.berth.runtime.server.http.ServerLog;
import dev.berth.runtime.volume.VolumeStore;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * berthd's API server with the real image store, network driver (bridges from a test pool, no
 * firewall) and volume store under {@code dir}, and a {@link FakeContainerLinks} for the container
 * side. Close it to remove every network it still has and stop everything it started.
 */
public final class ResourceServer implements AutoCloseable {
  /** Test pool of these servers' networks: no other test uses it. */
  public static final String POOL = "10.219.0.0/16:24";

  public final Path socket;
  public final EventBus events = EventBus.withDefaults();
  public final FakeContainerLinks links = new FakeContainerLinks();
  public final List<String> log = new CopyOnWriteArrayList<>();
  public final ImageStore images;
  public final VolumeStore volumes;
  public final NetworkDriver networks;
  private final DnsServer hostResolver;
  private final ApiServer server;

  private ResourceServer(Path dir, java.util.function.Consumer<BridgeNetwork> created)
      throws Exception {
    this.socket = dir.resolve("berth.sock");
    ServerLog collect =
        new ServerLog() {
          @Override
          public void info(String message) {
            log.add("info " + message);
          }

          @Override
          public void warn(String message, Throwable cause) {
            log.add("warn " + message + (cause == null ? "" : ": " + cause));
          }
        };
    images = ImageStore.open(dir.resolve("images"), new LinuxSpecialFiles(), LayerLimits.DEFAULT);
    volumes = new VolumeStore(dir.resolve("volumes"));
    hostResolver =
        DnsServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new QueryHandler(new NameTable(), Optional.empty(), DnsListener.ignoring()),
            DnsListener.ignoring());
    networks =
        NetworkDriver.open(
            dir,
            new SubnetPool(List.of(PoolRange.parse(POOL))),
            53,
            new ForwardingUpstream(List.of(hostResolver.address()), Duration.ofSeconds(1)),
            recording(created),
            NetworkListener.ignoring());
    Clock clock = Clock.systemUTC();
    server =
        ApiServer.start(
            ApiServer.Options.defaults(socket),
            List.of(
                new SystemEndpoints(
                    new EngineIdentity("test-engine", "test-host", dir),
                    HostFacts.detect(),
                    () -> new ContainerCounts(0, 0, 0),
                    events,
                    dev.berth.runtime.registry.RegistryConfig.defaults()),
                new EventsEndpoint(events, clock, EventsEndpoint.DEFAULT_MAX_QUEUED),
                new ImageEndpoints(
                    images,
                    ImagePullers.using(RegistryConfig.defaults(), CredentialStore.NONE, images),
                    new ImageLoader(images, dir.resolve("images/tmp")),
                    new ImageSaver(images),
                    links,
                    events,
                    clock),
                new NetworkEndpoints(networks, links, events, clock),
                new VolumeEndpoints(volumes, links, events, clock),
                new NotImplementedEndpoints()),
            collect);
  }

  public static ResourceServer start(Path dir) throws Exception {
    return new ResourceServer(dir, network -> {});
  }

  /** A server telling {@code created} of every network it creates, e.g. for a leak check. */
  public static ResourceServer start(Path dir, java.util.function.Consumer<BridgeNetwork> created)
      throws Exception {
    return new ResourceServer(dir, created);
  }

  /** No firewall rules, as {@link NetworkFirewall#none()}, but reporting each new network. */
  private static NetworkFirewall recording(java.util.function.Consumer<BridgeNetwork> created) {
    return new NetworkFirewall() {
      @Override
      public void networkCreated(BridgeNetwork network) {
        created.accept(network);
      }

      @Override
      public void networkRemoved(BridgeNetwork network) {}
    };
  }

  @Override
  public void close() throws Exception {
    events.close();
    server.close();
    for (var network : networks.networks()) {
      try {
        networks.remove(network.id());
      } catch (Exception e) {
        log.add("warn cleanup: " + e.getMessage());
      }
    }
    networks.close();
    hostResolver.close();
  }
}
