package dev.berth.orchestrator.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What one in-process run of the {@code berth} command printed and returned. */
record CliRun(int exitCode, String out, String err) {

  /** Runs {@link BerthMain#run} with these arguments and captures both writers. */
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = BerthMain.run(args, new PrintWriter(out), new PrintWriter(err));
    return new CliRun(code, out.toString(), err.toString());
  }
}
