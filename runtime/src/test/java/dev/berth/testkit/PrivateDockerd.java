package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A dockerd the test kit started beside whatever else runs, with everything it owns (socket,
 * pidfile, data and exec roots, log) under one temp dir and its own bridge.
 */
record PrivateDockerd(Path dir, String bridge, OwnedProcess process) {

  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration GRACE = Duration.ofSeconds(20);

  static PrivateDockerd start() {
    Path dir = TempDirs.create("dockerd");
    String bridge = null;
    OwnedProcess process = null;
    try {
      bridge = createBridge();
      Files.writeString(dir.resolve("daemon.json"), "{}\n");
      process = OwnedProcess.start(command(dir, bridge), dir.resolve("dockerd.log"));
      PrivateDockerd daemon = new PrivateDockerd(dir, bridge, process);
      daemon.awaitAnswer();
      return daemon;
    } catch (IOException e) {
      new PrivateDockerd(dir, bridge, process).stop();
      throw new UncheckedIOException("cannot prepare a dockerd in " + dir, e);
    } catch (RuntimeException e) {
      new PrivateDockerd(dir, bridge, process).stop();
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
