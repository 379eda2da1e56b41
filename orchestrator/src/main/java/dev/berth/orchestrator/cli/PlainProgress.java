package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.reconcile.Progress;
import java.io.PrintWriter;

/**
 * Progress as plain lines, as {@code docker compose --progress plain} prints them: {@code Container
 * p-web-1 Started}; warnings always, events unless quiet.
 */
final class PlainProgress implements Progress {
  private final PrintWriter err;
  private final boolean quiet;

  PlainProgress(PrintWriter err, boolean quiet) {
    this.err = err;
    this.quiet = quiet;
  }

  @Override
  public synchronized void event(String kind, String name, String state) {
    if (!quiet) {
      err.println(" " + kind + " " + name + "  " + state);
      err.flush();
    }
  }

  @Override
  public synchronized void buildOutput(String service, String line) {
    if (!quiet) {
      err.println(service + "  | " + line);
      err.flush();
    }
  }

  @Override
  public synchronized void warn(String message) {
    err.println("berth: warning: " + message);
    err.flush();
  }
}
