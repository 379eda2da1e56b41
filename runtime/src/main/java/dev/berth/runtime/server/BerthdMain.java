package dev.berth.runtime.server;

import dev.berth.runtime.api.BerthVersion;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.network.ipam.PoolRange;
import dev.berth.runtime.network.ipam.SubnetPool;
import dev.berth.runtime.registry.RegistryConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code berthd} command line: options of the engine daemon. */
@Command(
    name = "berthd",
    mixinStandardHelpOptions = true,
    versionProvider = BerthdMain.Version.class,
    description = "berth's container engine, serving the Docker Engine API on a unix socket.")
public final class BerthdMain implements Callable<Integer> {

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Engine state (images, containers, volumes). Default: ${DEFAULT-VALUE}.")
  Path root = Path.of("/var/lib/berth");

  @Option(
      names = "--exec-root",
      paramLabel = "DIR",
      description = "Runtime files (sockets, pid files). Default: ${DEFAULT-VALUE}.")
  Path execRoot = Path.of("/run/berth");

  @Option(
      names = "--socket",
      paramLabel = "PATH",
      description = "Where to serve the API. Default: <exec-root>/berth.sock.")
  Path socket;

  @Option(
      names = "--runtime",
      paramLabel = "NAME",
      description = "The OCI runtime: crun or runc. Default: crun if installed, else runc.")
  String runtime;

  @Option(
      names = "--bridge-name",
      paramLabel = "NAME",
      description = "The link name of the default bridge network. Default: ${DEFAULT-VALUE}.")
  String bridgeName = Berthd.NetworkConfig.DEFAULTS.bridgeName();

  @Option(
      names = "--default-address-pool",
      paramLabel = "CIDR:SIZE",
      description =
          "Where network subnets come from, e.g. 10.10.0.0/16:24 (repeatable)."
              + " Default: Docker's pools.")
  List<String> addressPools = new ArrayList<>();

  @Option(
      names = "--firewall-table",
      paramLabel = "NAME",
      description =
          "berth's nft table; its iptables chain is NAME-FORWARD in capitals."
              + " Default: ${DEFAULT-VALUE}.")
  String firewallTable = Berthd.NetworkConfig.DEFAULTS.firewallTable();

  @Option(
      names = "--config-file",
      paramLabel = "PATH",
      description =
          "A daemon.json with insecure-registries, registry-mirrors, max-concurrent-downloads."
              + " Default: /etc/berth/daemon.json when it exists.")
  Path configFile;

  @Option(
      names = "--insecure-registry",
      paramLabel = "HOST[:PORT]",
      description = "A registry to reach over plain HTTP (repeatable; loopback always is).")
  List<String> insecureRegistries = new ArrayList<>();

  @Option(
      names = "--registry-mirror",
      paramLabel = "URL",
      description = "A mirror tried before Docker Hub for docker.io images (repeatable).")
  List<String> registryMirrors = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs berthd with these arguments and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new BerthdMain());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          commandLine.getErr().println("berthd: " + e.getMessage());
          return e instanceof EngineException ee ? ee.kind().exitCode() : 1;
        });
    return cli.execute(args);
  }

  /**
   * Serves until SIGTERM or SIGINT: the shutdown hook stops the server, removes the socket and
   * releases the root's lock; containers keep running.
   */
  @Override
  public Integer call() throws EngineException, InterruptedException {
    Berthd berthd =
        Berthd.start(
            new Berthd.Config(root, execRoot, socket, runtime, networkConfig(), registryConfig()));
    Thread hook = new Thread(berthd::close, "berthd-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      berthd.awaitStop();
    } finally {
      berthd.close();
      removeHook(hook);
    }
    return 0;
  }

  /** The config file's registry settings, then the command line's added to them. */
  private RegistryConfig registryConfig() throws EngineException {
    RegistryConfig config =
        DaemonConfigFile.read(
            configFile == null ? DaemonConfigFile.DEFAULT : configFile,
            configFile == null,
            RegistryConfig.defaults());
    config = DaemonConfigFile.withInsecure(config, insecureRegistries, "--insecure-registry");
    return DaemonConfigFile.withMirrors(config, registryMirrors, "--registry-mirror");
  }

  private Berthd.NetworkConfig networkConfig() throws EngineException {
    SubnetPool pool = Berthd.NetworkConfig.DEFAULTS.pool();
    if (!addressPools.isEmpty()) {
      List<PoolRange> ranges = new ArrayList<>();
      for (String range : addressPools) {
        ranges.add(PoolRange.parse(range));
      }
      pool = new SubnetPool(ranges);
    }
    return Berthd.NetworkConfig.named(bridgeName, pool, firewallTable);
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is what stopped berthd
    }
  }

  /** Reports the build's version for {@code --version}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"berthd version " + BerthVersion.version()};
    }
  }
}
