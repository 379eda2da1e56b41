package dev.berth.orchestrator.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.orchestrator.cli.BerthMain;
import dev.berth.orchestrator.cli.HostContext;
import dev.berth.runtime.api.EngineClient;
import dev.berth.runtime.network.ipam.PoolRange;
import dev.berth.runtime.network.ipam.SubnetPool;
import dev.berth.runtime.server.Berthd;
import dev.berth.runtime.server.IsolatedBerthds;
import dev.berth.testkit.DockerCli;
import dev.berth.testkit.HostCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A berthd started in this JVM for one test class, on temporary roots with its own bridge, nft
 * table and chain; {@link #close} removes what is left on it (containers, networks) and its roots.
 */
final class LocalBerthd implements AutoCloseable {
  private final Path base;
  private final Berthd berthd;

  private LocalBerthd(Path base, Berthd berthd) {
    this.base = base;
    this.berthd = berthd;
  }

  /**
   * Subnets of these tests' berthds: not {@link IsolatedBerthds}'s 10.199.0.0/16, which other test
   * suites' berthds on the same host allocate from at the same time (two daemons handing out one
   * subnet was seen to break the containers' DNS).
   */
  static final String POOL = "10.187.0.0/16:24";

  static LocalBerthd start() throws Exception {
    Path base = Files.createTempDirectory("berth-cbuild");
    Berthd.NetworkConfig isolated = IsolatedBerthds.network();
    Berthd berthd =
        Berthd.start(
            new Berthd.Config(base.resolve("root"), base.resolve("run"), base.resolve("b.sock"))
                .withNetwork(
                    new Berthd.NetworkConfig(
                        isolated.bridgeName(),
                        new SubnetPool(List.of(PoolRange.parse(POOL))),
                        isolated.firewallTable(),
                        isolated.firewallChain())));
    return new LocalBerthd(base, berthd);
  }

  Path socket() {
    return berthd.socket();
  }

  String host() {
    return "unix://" + socket();
  }

  /** Asserts {@code /version} names berthd, so a test cannot pass against another engine. */
  void assertIsBerthd() throws Exception {
    try (EngineClient client = EngineClient.forUnixSocket(socket(), Duration.ofSeconds(10))) {
      assertThat(client.version().isBerthd()).as("/version names berthd").isTrue();
    }
  }

  DockerCli docker() {
    return new DockerCli(host());
  }

  /** {@code berth --host <this berthd> ARGS} in-process, run in {@code dir} with {@code env}. */
  Run berth(Path dir, Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("--host", host()));
    all.addAll(Arrays.asList(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        BerthMain.run(
            all.toArray(String[]::new),
            new PrintWriter(out),
            new PrintWriter(err),
            HostContext.of(dir, env));
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * A shell script that runs berth as a separate JVM against this berthd: what an example's scripts
   * call as {@code $BERTH}.
   */
  Path launcher(Path dir) throws IOException {
    Path script = dir.resolve("berth-under-test");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Files.writeString(
        script,
        "#!/bin/sh\nexec '"
            + java
            + "' -XX:TieredStopAtLevel=1 -cp '"
            + System.getProperty("java.class.path")
            + "' dev.berth.orchestrator.cli.BerthMain --host '"
            + host()
            + "' \"$@\"\n");
    script.toFile().setExecutable(true);
    return script;
  }

  /** Names of {@code docker ps -a}, {@code network ls} and {@code volume ls} for the label. */
  List<String> objectsLabelled(String label) {
    List<String> out = new ArrayList<>();
    for (String kind : List.of("container", "network", "volume")) {
      String listed =
          docker()
              .runChecked(
                  kind.equals("container") ? "ps" : kind,
                  kind.equals("container") ? "-a" : "ls",
                  "-q",
                  "--filter",
                  "label=" + label)
              .stdout();
      listed.lines().filter(l -> !l.isBlank()).forEach(l -> out.add(kind + " " + l.strip()));
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    try {
      String all = docker().run(Duration.ofSeconds(30), "ps", "-a", "-q").stdout();
      for (String id : all.lines().filter(l -> !l.isBlank()).toList()) {
        docker().run(Duration.ofSeconds(30), "rm", "-f", "-v", id.strip());
      }
      IsolatedBerthds.removeNetworks(berthd);
    } finally {
      berthd.close();
      keepLog();
      HostCommand.run(List.of("rm", "-rf", base.toString()), Duration.ofMinutes(1));
    }
  }

  /** Keeps berthd's log in {@code target/berthd-logs} for looking into failures. */
  private void keepLog() {
    try {
      Path log = base.resolve("root").resolve("berthd.log");
      if (Files.exists(log)) {
        Path kept = Path.of("target", "berthd-logs");
        Files.createDirectories(kept);
        Files.copy(log, kept.resolve(base.getFileName() + ".log"));
      }
    } catch (IOException e) {
      // the log is a help for diagnosis only
    }
  }

  /** What one berth run printed and returned. */
  record Run(int exitCode, String out, String err) {
    Run orFail() {
      if (exitCode != 0) {
        throw new AssertionError(
            "berth exited " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
      }
      return this;
    }
  }

  static void copyTree(Path from, Path to) {
    HostCommand.Result r =
        HostCommand.run(List.of("cp", "-a", from + "/.", to.toString()), Duration.ofSeconds(30));
    if (r.exitCode() != 0) {
      throw new UncheckedIOException(new IOException("cp -a " + from + ": " + r.stderr()));
    }
  }
}
