package dev.berth.runtime.server;

import dev.berth.runtime.api.BerthVersion;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.store.ImageLoader;
import dev.berth.runtime.image.store.ImageSaver;
import dev.berth.runtime.network.ipam.SubnetPool;
import dev.berth.runtime.registry.RegistryConfig;
import dev.berth.runtime.server.endpoints.ArchiveEndpoints;
import dev.berth.runtime.server.endpoints.BuildEndpoint;
import dev.berth.runtime.server.endpoints.ContainerEndpoints;
import dev.berth.runtime.server.endpoints.EngineIdentity;
import dev.berth.runtime.server.endpoints.EventsEndpoint;
import dev.berth.runtime.server.endpoints.ExecEndpoints;
import dev.berth.runtime.server.endpoints.HostFacts;
import dev.berth.runtime.server.endpoints.ImageEndpoints;
import dev.berth.runtime.server.endpoints.ImagePullers;
import dev.berth.runtime.server.endpoints.NetworkEndpoints;
import dev.berth.runtime.server.endpoints.NotImplementedEndpoints;
import dev.berth.runtime.server.endpoints.PauseEndpoints;
import dev.berth.runtime.server.endpoints.StatsEndpoint;
import dev.berth.runtime.server.endpoints.SystemEndpoints;
import dev.berth.runtime.server.endpoints.TopEndpoint;
import dev.berth.runtime.server.endpoints.VolumeEndpoints;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.runtime.server.http.ApiServer;
import dev.berth.runtime.server.http.Endpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

/**
 * A running berthd: one per root (a lock file), its log file under the root, and the API server on
 * its socket. Stopping it leaves containers running, as dockerd's live-restore does.
 */
public final class Berthd implements AutoCloseable {
  static final String LOCK_FILE = "berthd.lock";
  static final String LOG_FILE = "berthd.log";
  private static final String ID_FILE = "engine-id";

  private final DaemonLock lock;
  private final DaemonLog log;
  private final EventBus events;
  private final EngineServices engine;
  private final ApiServer server;
  private final List<AutoCloseable> endpoints;
  private final CountDownLatch stopped = new CountDownLatch(1);

  /**
   * Where berthd keeps state ({@code root}), runtime files ({@code execRoot}) and its socket, which
   * OCI runtime it prefers, and its network names (so tests run isolated daemons side by side).
   */
  public record Config(
      Path root,
      Path execRoot,
      Path socket,
      String runtime,
      NetworkConfig network,
      RegistryConfig registry) {
    public Config {
      root = root.toAbsolutePath();
      execRoot = execRoot.toAbsolutePath();
      socket = Objects.requireNonNullElse(socket, execRoot.resolve("berth.sock")).toAbsolutePath();
      runtime = runtime == null || runtime.isEmpty() ? defaultRuntime() : runtime;
      network = Objects.requireNonNullElse(network, NetworkConfig.DEFAULTS);
      registry = Objects.requireNonNullElseGet(registry, RegistryConfig::defaults);
    }

    /** The defaults for everything but the paths. */
    public Config(Path root, Path execRoot, Path socket) {
      this(root, execRoot, socket, null, null, null);
    }

    /** The same config with other network names. */
    public Config withNetwork(NetworkConfig other) {
      return new Config(root, execRoot, socket, runtime, other, registry);
    }

    /** The same config with other registry settings (insecure registries, mirrors). */
    public Config withRegistry(RegistryConfig other) {
      return new Config(root, execRoot, socket, runtime, network, other);
    }
  }

  /**
   * The default bridge's link name, the pool of subnets for networks, and berth's nft table and
   * iptables chain.
   */
  public record NetworkConfig(
      String bridgeName, SubnetPool pool, String firewallTable, String firewallChain) {
    /** {@code berth0}, Docker's default pools, table {@code berth}, chain {@code BERTH-FORWARD}. */
    public static final NetworkConfig DEFAULTS =
        named("berth0", SubnetPool.dockerDefaults(), "berth");

    /**
     * A config whose iptables chain is named after its nft table, as berthd's {@code
     * --firewall-table} names it: table {@code berth-x} has chain {@code BERTH-X-FORWARD}. Every
     * berthd on one root must agree on it, or the chain outlives the last network.
     */
    public static NetworkConfig named(String bridgeName, SubnetPool pool, String firewallTable) {
      return new NetworkConfig(
          bridgeName,
          pool,
          firewallTable,
          firewallTable.toUpperCase(java.util.Locale.ROOT) + "-FORWARD");
    }
  }

  private static String defaultRuntime() {
    return java.nio.file.Files.isExecutable(Path.of("/usr/bin/crun")) ? "crun" : "runc";
  }

  private Berthd(
      DaemonLock lock,
      DaemonLog log,
      EventBus events,
      EngineServices engine,
      ApiServer server,
      List<AutoCloseable> endpoints) {
    this.endpoints = List.copyOf(endpoints);
    this.engine = engine;
    this.lock = lock;
    this.log = log;
    this.events = events;
    this.server = server;
  }

  /** Locks the root, opens the log and serves; fails CONFLICT if another berthd owns the root. */
  public static Berthd start(Config config) throws EngineException {
    createDirectories(config.root(), "rwx--x---");
    createDirectories(config.execRoot(), "rwxr-xr-x");
    DaemonLock lock = DaemonLock.acquire(config.root().resolve(LOCK_FILE));
    DaemonLog log = null;
    EngineServices engine = null;
    EventBus events = EventBus.withDefaults();
    try {
      log = DaemonLog.open(config.root().resolve(LOG_FILE));
      log.info("berthd " + BerthVersion.version() + " starting on root " + config.root());
      HostFacts host = HostFacts.detect();
      EngineIdentity identity =
          new EngineIdentity(engineId(config.root()), host.hostname(), config.root());
      engine = EngineServices.open(config, events, log);
      EngineServices services = engine;
      ExecEndpoints exec = new ExecEndpoints(engine.containers(), events, log);
      StatsEndpoint stats = new StatsEndpoint(engine.containers());
      List<Endpoints> endpoints =
          List.of(
              new SystemEndpoints(
                  identity, host, () -> services.service().counts(), events, config.registry()),
              new EventsEndpoint(events, Clock.systemUTC(), EventsEndpoint.DEFAULT_MAX_QUEUED),
              new ContainerEndpoints(engine.service(), log),
              exec,
              new ArchiveEndpoints(engine.containers(), log),
              new PauseEndpoints(engine.containers()),
              new TopEndpoint(engine.containers()),
              stats,
              new ImageEndpoints(
                  engine.images(),
                  ImagePullers.using(engine.registryConfig(), engine.logins(), engine.images()),
                  new ImageLoader(engine.images(), config.root().resolve("image").resolve("tmp")),
                  new ImageSaver(engine.images()),
                  engine.service(),
                  events,
                  Clock.systemUTC()),
              new NetworkEndpoints(engine.networks(), engine.service(), events, Clock.systemUTC()),
              new VolumeEndpoints(
                  engine.containers().volumes(), engine.service(), events, Clock.systemUTC()),
              new BuildEndpoint(engine.builder(), log),
              new NotImplementedEndpoints());
      ApiServer server =
          ApiServer.start(ApiServer.Options.defaults(config.socket()), endpoints, log);
      return new Berthd(lock, log, events, engine, server, List.of(exec, stats));
    } catch (EngineException | RuntimeException e) {
      if (engine != null) {
        engine.close();
      }
      events.close();
      if (log != null) {
        log.warn("berthd could not start: " + e.getMessage(), e);
        log.close();
      }
      lock.close();
      throw e;
    }
  }

  /** The engine behind the API, e.g. for tests to pull images into its store. */
  public EngineServices engine() {
    return engine;
  }

  /** Where berthd publishes what the engine did. */
  public EventBus events() {
    return events;
  }

  /** The socket berthd serves on. */
  public Path socket() {
    return server.socket();
  }

  /** Blocks until {@link #close} ran. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Stops serving, removes the socket, releases the root; containers keep running. */
  @Override
  public synchronized void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    events.close(); // ends event streams first: the server's graceful stop waits for open answers
    server.close();
    for (AutoCloseable endpoint : endpoints) {
      try {
        endpoint.close();
      } catch (Exception e) {
        log.warn("closing " + endpoint + ": " + e.getMessage(), e);
      }
    }
    engine.close();
    log.info("berthd stopped; containers keep running");
    log.close();
    lock.close();
    stopped.countDown();
  }

  private static String engineId(Path root) throws EngineException {
    Path file = root.resolve(ID_FILE);
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      }
      String id = UUID.randomUUID().toString();
      Path temp = Files.createTempFile(root, ID_FILE, ".tmp");
      Files.writeString(temp, id + "\n", StandardCharsets.UTF_8);
      Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return id;
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, "reading or writing " + file + ": " + e, e);
    }
  }

  /** Creates {@code dir} with {@code mode} (as dockerd: its root 0710), leaving existing ones. */
  private static void createDirectories(Path dir, String mode) throws EngineException {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(mode));
      }
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, "creating " + dir + ": " + e, e);
    }
  }
}
