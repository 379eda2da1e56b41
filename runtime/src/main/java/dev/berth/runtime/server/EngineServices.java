package dev.berth.runtime.server;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.api.DockerConfigCredentials;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.build.Builder;
import dev.berth.runtime.build.ContainerRunExecutor;
import dev.berth.runtime.container.Containers;
import dev.berth.runtime.container.ContainersConfig;
import dev.berth.runtime.container.EngineRoots;
import dev.berth.runtime.container.HostFacts;
import dev.berth.runtime.container.OverlayRootfs;
import dev.berth.runtime.image.store.ImagePuller;
import dev.berth.runtime.image.store.ImageStore;
import dev.berth.runtime.layer.LayerLimits;
import dev.berth.runtime.layer.LinuxSpecialFiles;
import dev.berth.runtime.network.BridgeNetwork;
import dev.berth.runtime.network.NetworkDriver;
import dev.berth.runtime.network.NetworkFirewall;
import dev.berth.runtime.network.NetworkSpec;
import dev.berth.runtime.network.dns.ForwardingUpstream;
import dev.berth.runtime.network.dns.ResolvConf;
import dev.berth.runtime.network.ipam.IpamRequest;
import dev.berth.runtime.network.netlink.LinkName;
import dev.berth.runtime.network.netns.NetnsDirectory;
import dev.berth.runtime.oci.LocalProcessRunner;
import dev.berth.runtime.registry.RegistryClient;
import dev.berth.runtime.registry.RegistryConfig;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.runtime.server.http.ServerLog;
import dev.berth.runtime.server.service.EngineContainerService;
import dev.berth.runtime.state.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine berthd serves, opened in order and closed in reverse: images under {@code
 * <root>/image}, networks under {@code <root>/network} (re-adopting bridges and endpoints),
 * containers (re-adopting running ones) and the container service over them. At start the default
 * networks exist: {@code bridge} (a real bridge, {@code berth0} by default), {@code host} and
 * {@code none}.
 */
public final class EngineServices implements AutoCloseable {
  private final Deque<AutoCloseable> opened;
  private final ImageStore images;
  private final NetworkDriver networks;
  private final Containers containers;
  private final EngineContainerService service;
  private final DefaultNetworks defaults;
  private final RegistryConfig registry;
  private final CredentialStore logins;
  private final Builder builder;

  /** The IDs of Docker's three predefined networks. */
  public record DefaultNetworks(String bridge, String host, String none) {}

  private EngineServices(
      Deque<AutoCloseable> opened,
      ImageStore images,
      NetworkDriver networks,
      Containers containers,
      EngineContainerService service,
      DefaultNetworks defaults,
      RegistryConfig registry,
      CredentialStore logins,
      Builder builder) {
    this.registry = registry;
    this.logins = logins;
    this.builder = builder;
    this.opened = opened;
    this.images = images;
    this.networks = networks;
    this.containers = containers;
    this.service = service;
    this.defaults = defaults;
  }

  /** Opens everything under {@code config}'s roots; on a failure what was opened is closed. */
  public static EngineServices open(Berthd.Config config, EventBus events, ServerLog log)
      throws EngineException {
    Deque<AutoCloseable> opened = new ArrayDeque<>();
    try {
      ImageStore images = openImages(config.root().resolve("image"));
      Path resolv = Path.of("/etc/resolv.conf");
      ResolvConf host =
          ResolvConf.parse(Files.exists(resolv) ? Files.readString(resolv) : "nameserver 8.8.8.8");
      NetworkDriver networks =
          NetworkDriver.open(
              config.root(),
              config.network().pool(),
              53,
              new ForwardingUpstream(host.upstreams(), Duration.ofSeconds(2)),
              NetworkFirewall.onHost(
                  config.network().firewallTable(),
                  config.network().firewallChain(),
                  message -> log.warn("firewall: " + message, null)),
              message -> log.warn("network: " + message, null));
      opened.push(networks);
      networks.recheckFirewall();
      DefaultNetworks defaults = defaultNetworks(config, networks);
      AtomicReference<EngineContainerService> service = new AtomicReference<>();
      Containers containers =
          Containers.open(
              ContainersConfig.of(
                  new EngineRoots(config.root(), config.execRoot()), config.runtime()),
              new LocalProcessRunner(),
              new OverlayRootfs(),
              HostFacts.read(),
              Clock.systemUTC(),
              (id, action, detail) -> {
                EngineContainerService s = service.get();
                if (s != null) {
                  s.onEngineEvent(id, action, detail);
                }
              });
      opened.push(containers);
      service.set(
          EngineContainerService.open(
              containers,
              images,
              networks,
              new NetnsDirectory(config.execRoot().resolve("netns")),
              defaults.bridge(),
              events,
              log,
              config.root().resolve("berthd").resolve("containers"),
              config.root()));
      opened.push(service.get());
      log.info(
          "engine open: bridge "
              + config.network().bridgeName()
              + ", runtime "
              + config.runtime()
              + ", "
              + service.get().list().size()
              + " containers");
      RegistryConfig registry = config.registry();
      CredentialStore logins = DockerConfigCredentials.fromEnvironment();
      Path buildRoot = config.root().resolve("build");
      ImagePuller enginePuller = new ImagePuller(RegistryClient.create(registry, logins), images);
      Builder builder =
          new Builder(
              images,
              client ->
                  client == CredentialStore.NONE
                      ? enginePuller
                      : new ImagePuller(
                          RegistryClient.create(
                              registry, at -> client.lookup(at).or(() -> logins.lookup(at))),
                          images),
              new ContainerRunExecutor(
                  containers,
                  new EngineRoots(config.root(), config.execRoot()),
                  Files.createDirectories(buildRoot.resolve("empty"))),
              buildRoot);
      return new EngineServices(
          opened, images, networks, containers, service.get(), defaults, registry, logins, builder);
    } catch (EngineException | IOException | RuntimeException e) {
      closeAll(opened);
      if (e instanceof EngineException ee) {
        throw ee;
      }
      throw new EngineException(ErrorKind.UNAVAILABLE, "opening the engine: " + e.getMessage(), e);
    }
  }

  private static ImageStore openImages(Path dir) throws EngineException {
    try {
      return ImageStore.open(dir, new LinuxSpecialFiles(), LayerLimits.DEFAULT);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, "opening images at " + dir + ": " + e, e);
    }
  }

  /** Makes sure {@code bridge} exists (re-adopted or new); host and none get stable IDs. */
  private static DefaultNetworks defaultNetworks(Berthd.Config config, NetworkDriver networks)
      throws EngineException {
    Path file = config.root().resolve("network").resolve("default-networks.json");
    DefaultNetworks ids =
        Files.exists(file)
            ? JsonFiles.read(file, DefaultNetworks.class)
            : new DefaultNetworks(randomId(), randomId(), randomId());
    Optional<BridgeNetwork> bridge =
        networks.networks().stream().filter(n -> n.id().equals(ids.bridge())).findFirst();
    if (bridge.isEmpty()) {
      networks.create(
          new NetworkSpec(
              ids.bridge(),
              "bridge",
              false,
              IpamRequest.any(),
              Optional.of(LinkName.parse(config.network().bridgeName())),
              0));
    }
    JsonFiles.write(file, ids);
    return ids;
  }

  private static String randomId() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public ImageStore images() {
    return images;
  }

  public NetworkDriver networks() {
    return networks;
  }

  public Containers containers() {
    return containers;
  }

  /** The container service, also the {@code ContainerLinks} of the other endpoints. */
  public EngineContainerService service() {
    return service;
  }

  /** How registries are reached (plain HTTP on loopback, TLS elsewhere). */
  public RegistryConfig registryConfig() {
    return registry;
  }

  /** The engine's registry logins ({@code ~/.docker/config.json} of the daemon's user). */
  public CredentialStore logins() {
    return logins;
  }

  /** The Dockerfile builder behind {@code /build}. */
  public Builder builder() {
    return builder;
  }

  public DefaultNetworks defaultNetworks() {
    return defaults;
  }

  /** Stops watching; containers, networks and their state stay for the next berthd. */
  @Override
  public void close() {
    closeAll(opened);
  }

  private static void closeAll(Deque<AutoCloseable> opened) {
    while (!opened.isEmpty()) {
      try {
        opened.pop().close();
      } catch (Exception e) {
        // closing is best effort: the rest must close too
      }
    }
  }
}
