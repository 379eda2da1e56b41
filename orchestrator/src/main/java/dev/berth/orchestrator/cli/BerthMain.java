package dev.berth.orchestrator.cli;

import dev.berth.runtime.api.EngineHttp;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code berth} command. */
public final class BerthMain {
  private BerthMain() {}

  /** As {@link ClientMain} (the jar's manifest and tests start berth here). */
  public static void main(String[] args) {
    ClientMain.main(args);
  }

  /**
   * Runs the command in this process (no warm server took it), leaves a server for the next one
   * where that helps, and exits with the command's code.
   */
  static void runHere(String[] args) {
    PrintWriter out = new ByteOutput.Console(System.out);
    PrintWriter err = new ByteOutput.Console(System.err);
    int code = run(args, out, err, HostContext.ofProcess(), true);
    EngineHttp.discardPrestarted();
    if (WarmClient.shouldStartServer(subcommandNamed(args))) {
      WarmClient.startServer();
    }
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
    String named = subcommandNamed(args);
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
    return commandLineFor(berth, subcommandNamed(args));
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
   * none or the arguments are not plainly global options (then every subcommand is added and
   * picocli says what is wrong). Read from the options' annotations rather than a picocli model:
   * building that model costs a cold JVM tens of milliseconds.
   */
  static String subcommandNamed(String[] args) {
    Map<String, Boolean> takesValue = globalOptions();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("-") || arg.equals("-")) {
        return arg;
      }
      if (arg.equals("--")) {
        return null;
      }
      int equals = arg.indexOf('=');
      String name =
          arg.startsWith("--")
              ? (equals < 0 ? arg : arg.substring(0, equals))
              : arg.substring(0, 2);
      Boolean value = takesValue.get(name);
      if (value == null) {
        return null; // not a global option (or a cluster of short ones)
      }
      boolean attached = arg.startsWith("--") ? equals >= 0 : arg.length() > 2;
      if (value && !attached) {
        i++; // its value is the next argument
      } else if (!value && attached) {
        return null;
      }
    }
    return null;
  }

  /** The names of berth's global options, each with whether it takes a value. */
  private static Map<String, Boolean> globalOptions() {
    Map<String, Boolean> options = new HashMap<>();
    for (String help : List.of("-h", "--help", "-V", "--version")) {
      options.put(help, false); // mixinStandardHelpOptions
    }
    for (Class<?> type : List.of(BerthCommand.class, GlobalOptions.class)) {
      for (Field field : type.getDeclaredFields()) {
        CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
        if (option != null) {
          boolean flag = field.getType() == boolean.class || field.getType() == Boolean.class;
          for (String name : option.names()) {
            options.put(name, !flag);
          }
        }
      }
    }
    return options;
  }

  private static String nameOf(Class<?> command) {
    return command.getAnnotation(CommandLine.Command.class).name();
  }
}
