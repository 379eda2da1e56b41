package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.reconcile.Progress;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The live view on a terminal: one line per resource with its state and time, redrawn in place
 * under a {@code [+] Running n/m} header, as {@code docker compose} shows it.
 */
final class TtyProgress implements Progress {
  private static final Set<String> DONE =
      Set.of(
          "Created",
          "Started",
          "Running",
          "Healthy",
          "Exited",
          "Removed",
          "Stopped",
          "Pulled",
          "Recreated",
          "Killed",
          "Paused",
          "Unpaused");

  private record Line(String state, long start, long end) {}

  private final PrintWriter err;
  private final Map<String, Line> lines = new LinkedHashMap<>();
  private int drawn;

  TtyProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void event(String kind, String name, String state) {
    String key = kind + " " + name;
    long now = System.nanoTime();
    Line old = lines.get(key);
    long start =
        old == null || DONE.contains(old.state()) && !DONE.contains(state) ? now : old.start();
    lines.put(key, new Line(state, start, DONE.contains(state) ? now : 0));
    redraw();
  }

  /** Build output scrolls above the live view, as docker compose shows a build's log. */
  @Override
  public synchronized void buildOutput(String service, String line) {
    clear();
    err.println(service + "  | " + line);
    drawn = 0;
    redraw();
  }

  @Override
  public synchronized void warn(String message) {
    clear();
    err.println("WARN[0000] " + message);
    drawn = 0;
    redraw();
  }

  private void clear() {
    if (drawn > 0) {
      err.print("\u001b[" + drawn + "A\u001b[J");
    }
  }

  private void redraw() {
    clear();
    long done = lines.values().stream().filter(l -> DONE.contains(l.state())).count();
    err.println("\u001b[34m[+] Running " + done + "/" + lines.size() + "\u001b[0m");
    long now = System.nanoTime();
    lines.forEach(
        (key, l) -> {
          boolean finished = DONE.contains(l.state());
          double secs = ((finished ? l.end() : now) - l.start()) / 1e9;
          err.println(
              (finished ? " \u001b[32m✔\u001b[0m " : " ⠿ ")
                  + key
                  + "  "
                  + l.state()
                  + String.format(Locale.ROOT, "  %.1fs", secs));
        });
    err.flush();
    drawn = lines.size() + 1;
  }
}
