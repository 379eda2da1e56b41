package dev.berth.testkit;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Docker daemon to compare berthd with: the one already answering, else a {@code dockerd} this
 * fixture starts with its own pidfile, data root, exec root and socket, and stops again.
 */
public final class DockerdFixture implements AutoCloseable {

  /** The socket a distribution's dockerd listens on. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  private static DockerdFixture shared;

  private final String host;
  private final PrivateDockerd daemon;
  private final boolean sharedInstance;

  private DockerdFixture(String host, PrivateDockerd daemon, boolean sharedInstance) {
    this.host = host;
    this.daemon = daemon;
    this.sharedInstance = sharedInstance;
  }

  /** The daemon at {@code DOCKER_HOST} (a unix socket) or the default socket, else a new one. */
  public static DockerdFixture findOrStart() {
    Optional<String> answering =
        candidateHosts().stream()
            .filter(candidate -> new DockerCli(candidate).answers())
            .findFirst();
    if (answering.isPresent()) {
      return new DockerdFixture(answering.get(), null, false);
    }
    return startPrivate();
  }

  /**
   * Starts a dockerd of our own that can run beside any other: private socket, pidfile, data and
   * exec roots, its own bridge {@code berthdk*}, and no iptables, NAT or forwarding changes ({@code
   * --bridge=none} would not do: dockerd then deletes {@code docker0}, even another daemon's). Its
   * containers get no NAT to the outside. The caller closes it.
   */
  public static DockerdFixture startPrivate() {
    PrivateDockerd daemon = PrivateDockerd.start();
    return new DockerdFixture(daemon.host(), daemon, false);
  }

  /**
   * One daemon per JVM, found or started on first use. Closing it does nothing; one we started
   * stops at JVM exit.
   */
  public static synchronized DockerdFixture shared() {
    if (shared == null) {
      DockerdFixture found = findOrStart();
      if (found.daemon != null) {
        Runtime.getRuntime().addShutdownHook(new Thread(found.daemon::stop, "berth-test-dockerd"));
      }
      shared = new DockerdFixture(found.host, found.daemon, true);
    }
    return shared;
  }

  /** The daemon's address for {@code docker -H} or {@code DOCKER_HOST}, {@code unix://...}. */
  public String host() {
    return host;
  }

  /** Whether this fixture started the daemon (and so will stop it). */
  /** The daemon's unix socket, for clients that take a path rather than a {@code unix://} URL. */
  public Path socket() {
    if (!host.startsWith("unix://")) {
      throw new IllegalStateException("the Docker daemon at " + host + " is not on a unix socket");
    }
    return Path.of(host.substring("unix://".length()));
  }

  public boolean startedByUs() {
    return daemon != null;
  }

  /** The {@code docker} client bound to this daemon. */
  public DockerCli cli() {
    return new DockerCli(host);
  }

  /** {@code docker -H <host> <args>}; throws with docker's stderr unless it exits 0. */
  public HostCommand.Result docker(String... args) {
    return cli().runChecked(args);
  }

  /** Stops the daemon only if this fixture started it; any other daemon keeps running. */
  @Override
  public void close() {
    if (daemon != null && !sharedInstance) {
      daemon.stop();
    }
  }

  static List<String> candidateHosts() {
    Set<String> hosts = new LinkedHashSet<>();
    String fromEnvironment = System.getenv("DOCKER_HOST");
    if (fromEnvironment != null && fromEnvironment.startsWith("unix://")) {
      hosts.add(fromEnvironment);
    }
    hosts.add(DEFAULT_HOST);
    return List.copyOf(hosts);
  }
}
