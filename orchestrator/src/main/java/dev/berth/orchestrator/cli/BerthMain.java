package dev.berth.orchestrator.cli;

import java.io.PrintWriter;
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
    CommandLine cli =
        new CommandLine(new BerthCommand(host))
            .setOut(out)
            .setErr(err)
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setParameterExceptionHandler(reporter)
            .setExecutionExceptionHandler(reporter);
    // like docker compose, run and exec take everything after the service as the command
    cli.getSubcommands().get("run").setStopAtPositional(true);
    cli.getSubcommands().get("exec").setStopAtPositional(true);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }
}
