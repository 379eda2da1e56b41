package dev.berth.orchestrator.cli;

import dev.berth.runtime.api.EngineHttp;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** Entry point of the {@code berth} command. */
public final class BerthMain {
  private BerthMain() {}

  public static void main(String[] args) {
    PrintWriter out = new ByteOutput.Console(System.out);
    PrintWriter err = new ByteOutput.Console(System.err);
    int code = run(args, out, err, HostContext.ofProcess(), true);
    EngineHttp.discardPrestarted();
    System.exit(code);
  }

  /** Runs berth with these arguments, writing only to {@code out} and {@code err}. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, HostContext.ofProcess());
  }

  /** Runs berth in {@code host} (working directory, environment, stdin) instead of the JVM's. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, HostContext host) {
    return run(args, out, err, host, false);
  }

  private static int run(
      String[] args, PrintWriter out, PrintWriter err, HostContext host, boolean warmUp) {
    ErrorReporter reporter = new ErrorReporter();
    String named = subcommandNamed(args, host);
    if (warmUp) {
      warmUp(named);
    }
    CommandLine cli = commandLineFor(new BerthCommand(host), named);
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
   * Starts what the {@code named} subcommand will need on threads of their own while picocli builds
   * and parses its command line: the engine's HTTP client (not for {@code config} and {@code
   * version}) and the compiled compose schema. On a cold JVM each takes about as long as picocli's
   * work; the command waits for them only if it gets there first (the schema: class
   * initialisation), and a failure shows where the command uses them. A process's {@code main}
   * only: the HTTP client nobody takes is stopped before it exits.
   */
  private static void warmUp(String named) {
    if (named == null || named.equals("version")) {
      return;
    }
    if (!named.equals("config")) {
      EngineHttp.prestart();
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                Class.forName(
                    "dev.berth.orchestrator.loader.schema.SchemaValidator",
                    true,
                    BerthMain.class.getClassLoader());
              } catch (ClassNotFoundException | LinkageError e) {
                // the loader meets the same failure and reports it
              }
            },
            "berth-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * The command line of {@code berth} with the subcommand {@code args} name (all of them when they
   * name none it knows, for the usage and picocli's suggestions).
   */
  static CommandLine commandLine(BerthCommand berth, String... args) {
    return commandLineFor(berth, subcommandNamed(args, berth.host()));
  }

  private static CommandLine commandLineFor(BerthCommand berth, String named) {
    CommandLine cli = new CommandLine(berth);
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
