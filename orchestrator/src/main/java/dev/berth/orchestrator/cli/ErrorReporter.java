package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.BerthException;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where failures become what the user sees: a message on standard error, a stack
 * trace only with {@code --debug}, and exit code 1 for failures, 2 for usage errors.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine commandLine = e.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("berth: " + e.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for usage.");
    }
    if (debugRequested(args)) {
      e.printStackTrace(err);
    }
    return ErrorKind.USAGE.exitCode();
  }

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    boolean debug = debugRequested(parseResult.originalArgs().toArray(String[]::new));
    if (e instanceof EngineException known) {
      err.println("berth: " + known.getMessage());
      if (debug) {
        e.printStackTrace(err);
      }
      return known.kind().exitCode();
    }
    if (e instanceof BerthException known) {
      err.println("berth: " + known.getMessage());
      if (debug) {
        e.printStackTrace(err);
      }
      return known.kind().exitCode();
    }
    err.println("berth: internal error: " + e);
    if (debug) {
      e.printStackTrace(err);
    } else {
      err.println("Run again with --debug for the stack trace, and report it as a bug.");
    }
    return ErrorKind.INTERNAL.exitCode();
  }

  /** Whether {@code --debug} was given; read from the raw arguments so it works on bad input. */
  private static boolean debugRequested(String[] args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("--debug")) {
        return true;
      }
    }
    return false;
  }
}
