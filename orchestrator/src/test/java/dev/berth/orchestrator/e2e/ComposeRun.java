package dev.berth.orchestrator.e2e;

import dev.berth.orchestrator.cli.BerthMain;
import dev.berth.orchestrator.cli.HostContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** What one in-process {@code berth} run printed and returned. */
record ComposeRun(int exitCode, String out, String err) {

  static ComposeRun of(HostContext host, List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        BerthMain.run(
            args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), host);
    return new ComposeRun(code, out.toString(), err.toString());
  }

  ComposeRun orFail() {
    if (exitCode != 0) {
      throw new AssertionError(
          "berth exited " + exitCode + "\nstdout:\n" + out + "\nstderr:\n" + err);
    }
    return this;
  }

  static List<String> args(String... args) {
    return new ArrayList<>(List.of(args));
  }
}
