package dev.berth.orchestrator.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top of berth's command tree; its subcommands are Docker Compose's. */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    versionProvider = VersionCommand.Provider.class,
    description = "Docker Compose for Linux hosts without Docker.",
    subcommands = {
      VersionCommand.class,
      ConfigCommand.class,
      UpCommand.class,
      DownCommand.class,
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
      CpCommand.class
    })
public final class BerthCommand implements Runnable {

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

  /** Without a command, print the usage and succeed, as {@code docker compose} does. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
