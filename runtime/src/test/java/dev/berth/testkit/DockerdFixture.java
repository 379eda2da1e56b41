package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A Docker daemon to compare berthd with: the one already answering, else a {@code dockerd} this
 * fixture starts with its own pidfile, data root, exec root and socket, and stops again.
 */
public final class DockerdFixture implements AutoCloseable {

  /** The socket a distribution's dockerd listens on. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration GRACE = Duration.ofSeconds(20);
  private static DockerdFixture shared;

  private final String host;
  private final PrivateDaemon daemon;

  private DockerdFixture(String host, PrivateDaemon daemon) {
    this.host = host;
    this.daemon = daemon;
  }

  /** The daemon at {@code DOCKER_HOST} (a unix socket) or the default socket, else a new one. */
  public static DockerdFixture findOrStart() {
    Optional<String> answering =
        candidateHosts().stream()
            .filter(candidate -> new DockerCli(candidate).answers())
            .findFirst();
    if (answering.isPresent()) {
      return new DockerdFixture(answering.get(), null);
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
    PrivateDaemon daemon = PrivateDaemon.start();
    return new DockerdFixture(daemon.host(), daemon);
  }

  /** One daemon per JVM, found or started on first use; one we started stops at JVM exit. */
  public static synchronized DockerdFixture shared() {
    if (shared == null) {
      DockerdFixture fixture = findOrStart();
      Runtime.getRuntime().addShutdownHook(new Thread(fixture::close, "berth-test-dockerd"));
      shared = fixture;
    }
    return shared;
  }

  /** The daemon's address for {@code docker -H} or {@code DOCKER_HOST}, {@code unix://...}. */
  public String host() {
    return host;
  }

  /** Whether this fixture started the daemon (and so will stop it). */
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
    if (daemon != null) {
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

  /** A dockerd this fixture started, with everything it owns under one temp dir. */
  private record PrivateDaemon(Path dir, String bridge, OwnedProcess process) {

    static PrivateDaemon start() {
      Path dir = TempDirs.create("dockerd");
      String bridge = null;
      OwnedProcess process = null;
      try {
        bridge = createBridge();
        Files.writeString(dir.resolve("daemon.json"), "{}\n");
        process = OwnedProcess.start(command(dir, bridge), dir.resolve("dockerd.log"));
        PrivateDaemon daemon = new PrivateDaemon(dir, bridge, process);
        daemon.awaitAnswer();
        return daemon;
      } catch (IOException e) {
        new PrivateDaemon(dir, bridge, process).stop();
        throw new UncheckedIOException("cannot prepare a dockerd in " + dir, e);
      } catch (RuntimeException e) {
        new PrivateDaemon(dir, bridge, process).stop();
        throw e;
      }
    }

    private static String createBridge() {
      String bridge =
          "berthdk"
              + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);
      HostCommand.runChecked(
          List.of("ip", "link", "add", bridge, "type", "bridge"), Duration.ofSeconds(10));
      return bridge;
    }

    private static List<String> command(Path dir, String bridge) {
      return List.of(
          "dockerd",
          "--config-file=" + dir.resolve("daemon.json"),
          "--pidfile=" + dir.resolve("dockerd.pid"),
          "--data-root=" + dir.resolve("data"),
          "--exec-root=" + dir.resolve("exec"),
          "--host=unix://" + dir.resolve("docker.sock"),
          "--bridge=" + bridge,
          "--iptables=false",
          "--ip6tables=false",
          "--ip-masq=false",
          "--ip-forward=false");
    }

    String host() {
      return "unix://" + dir.resolve("docker.sock");
    }

    void awaitAnswer() {
      DockerCli cli = new DockerCli(host());
      Instant deadline = Instant.now().plus(STARTUP);
      while (Instant.now().isBefore(deadline)) {
        process.failIfDead("answering on " + host());
        if (cli.answers()) {
          return;
        }
        Pause.of(Duration.ofMillis(200));
      }
      throw new IllegalStateException(
          process + " did not answer within " + STARTUP + ":\n" + process.logTail());
    }

    /** SIGTERM, SIGKILL after the grace period, then remove what it may have left. */
    void stop() {
      if (process != null) {
        process.stop(GRACE);
      }
      Mounts.unmountBelow(dir);
      if (bridge != null) {
        HostCommand.run(List.of("ip", "link", "del", bridge), Duration.ofSeconds(10));
      }
      TempDirs.deleteRecursively(dir);
    }
  }
}
