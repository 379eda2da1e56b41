package dev.berth.orchestrator.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** Entry point of the {@code berth} command. */
public final class BerthMain {
  private BerthMain() {}

  public static void main(String[] args) {
    PrintWriter out = new ByteOutput.Console(System.out);
    PrintWriter err = new ByteOutput.Console(System.err);
    System.exit(run(args, out, err));
  }

  /** Runs berth with these arguments, writing only to {@code out} and {@code err}. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, HostContext.ofProcess());
  }

  /** Runs berth in {@code host} (working directory, environment, stdin) instead of the JVM's. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, HostContext host) {
    ErrorReporter reporter = new ErrorReporter();
    CommandLine cli = commandLine(new BerthCommand(host), args);
    cli.setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setParameterExceptionHandler(reporter)
        .setExecutionExceptionHandler(reporter);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The command line of {@code berth} with the subcommand {@code args} name (all of them when they
   * name none it knows, for the usage and picocli's suggestions).
   */
  static CommandLine commandLine(BerthCommand berth, String... args) {
    CommandLine cli = new CommandLine(berth);
    String named = subcommandNamed(args, berth.host());
    boolean known = BerthCommand.SUBCOMMANDS.stream().anyMatch(c -> nameOf(c).equals(named));
    for (Class<?> command : BerthCommand.SUBCOMMANDS) {
      if (!known || nameOf(command).equals(named)) {
        CommandLine sub = new CommandLine(command);
        if (command == RunCommand.class || command == ExecCommand.class) {
          // like docker compose, run and exec take everything after the service as the command
          sub.setStopAtPositional(true);
        }
        cli.addSubcommand(nameOf(command), sub);
      }
    }
    return cli;
  }

  /**
   * The first argument after the global options, which names the subcommand; null when there is
   * none or the global options do not parse.
   */
  private static String subcommandNamed(String[] args, HostContext host) {
    CommandLine probe =
        new CommandLine(new BerthCommand(host))
            .setUnmatchedArgumentsAllowed(true)
            .setStopAtUnmatched(true)
            .setCaseInsensitiveEnumValuesAllowed(true);
    try {
      List<String> rest = probe.parseArgs(args).unmatched();
      return rest.isEmpty() ? null : rest.get(0);
    } catch (CommandLine.ParameterException e) {
      return null;
    }
  }

  private static String nameOf(Class<?> command) {
    return command.getAnnotation(CommandLine.Command.class).name();
  }
}
