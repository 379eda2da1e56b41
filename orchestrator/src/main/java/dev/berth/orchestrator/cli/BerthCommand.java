package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.engine.DaemonPaths;
import dev.berth.orchestrator.engine.EngineAddress;
import dev.berth.orchestrator.engine.EngineConnector;
import dev.berth.runtime.api.EngineClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top of berth's command tree; its subcommands are Docker Compose's. */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Docker Compose for Linux hosts without Docker.")
public final class BerthCommand implements Runnable {

  /**
   * The subcommands, Docker Compose's, in the order the usage lists them. {@link BerthMain} adds
   * only the one a command line names: picocli builds each one's model by reflection, and all of
   * them cost a short-lived CLI about 0.15 s.
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          VersionCommand.class,
          ConfigCommand.class,
          UpCommand.class,
          DownCommand.class,
          BuildCommand.class,
          PsCommand.class,
          LogsCommand.class,
          RunCommand.class,
          ExecCommand.class,
          CreateCommand.class,
          StartCommand.class,
          StopCommand.class,
          RestartCommand.class,
          KillCommand.class,
          RmCommand.class,
          PauseCommand.class,
          UnpauseCommand.class,
          PullCommand.class,
          ImagesCommand.class,
          PortCommand.class,
          TopCommand.class,
          LsCommand.class,
          WaitCommand.class,
          EventsCommand.class,
          CpCommand.class,
          EngineCommand.class);

  /** How long one engine request may take before berth gives up on it. */
  static final Duration ENGINE_TIMEOUT = Duration.ofMinutes(2);

  @Mixin GlobalOptions global;

  @Spec CommandSpec spec;

  private final HostContext host;

  public BerthCommand() {
    this(HostContext.ofProcess());
  }

  public BerthCommand(HostContext host) {
    this.host = host;
  }

  /** The process berth runs in. */
  public HostContext host() {
    return host;
  }

  public GlobalOptions global() {
    return global;
  }

  /**
   * A client for the engine this invocation drives ({@code --host}, else {@code BERTH_HOST}, else
   * berthd's own socket, started in the background when nothing answers there). For every command
   * that needs the engine; notices (berthd started, DOCKER_HOST ignored) go to standard error.
   */
  public EngineClient engine() throws BerthException {
    Map<String, String> env = host.env();
    DaemonPaths paths = DaemonPaths.of(env, null, null, null);
    EngineAddress address = EngineAddress.resolve(global.host(), env, paths);
    return EngineConnector.forThisProcess(env)
        .connect(address, paths, env, ENGINE_TIMEOUT, notices());
  }

  /**
   * Begins connecting to the engine in the background, for a command that loads its project
   * meanwhile; {@link EarlyEngine#finish()} gives the client as {@link #engine()} would.
   */
  EarlyEngine engineEarly() {
    Map<String, String> env = host.env();
    try {
      EngineAddress address =
          EngineAddress.resolve(global.host(), env, DaemonPaths.of(env, null, null, null));
      EngineConnector connector = EngineConnector.forThisProcess(env);
      return EarlyEngine.begin(
          () -> connector.connectIfAnswering(address, ENGINE_TIMEOUT),
          () -> EngineConnector.announce(address, env, notices()),
          this::engine);
    } catch (BerthException e) {
      return EarlyEngine.begin(Optional::empty, () -> {}, this::engine); // engine() says why
    }
  }

  private Consumer<String> notices() {
    PrintWriter err = spec.commandLine().getErr();
    return notice -> {
      err.println("berth: " + notice);
      err.flush();
    };
  }

  /** Without a command, print the usage and succeed, as {@code docker compose} does. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
