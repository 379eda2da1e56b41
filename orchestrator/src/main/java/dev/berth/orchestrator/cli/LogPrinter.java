package dev.berth.orchestrator.cli;

import dev.berth.orchestrator.engine.LogLine;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Aggregated container output as {@code docker compose} prints it: whole lines, each behind a
 * padded {@code web-1 | } prefix (coloured per container only when colours are on), or bare with
 * {@code --no-log-prefix}.
 */
final class LogPrinter {
  private static final List<Integer> COLOURS = List.of(36, 33, 32, 35, 34, 96, 93, 92, 95, 94);

  private final PrintWriter out;
  private final int width;
  private final boolean prefix;
  private final boolean colour;
  private int next;

  LogPrinter(PrintWriter out, Collection<String> names, boolean prefix, boolean colour) {
    this.out = out;
    this.width = names.stream().mapToInt(String::length).max().orElse(0) + 1;
    this.prefix = prefix;
    this.colour = colour;
  }

  /** A sink for one container's output; it prints whole lines and keeps a partial one. */
  synchronized Sink sink(String name) {
    int c = COLOURS.get(next++ % COLOURS.size());
    String head = prefix ? pad(name) + " | " : "";
    return new Sink(colour && prefix ? "\u001b[" + c + "m" + head + "\u001b[0m" : head);
  }

  /**
   * Prints {@code line} as a line of container {@code name} (e.g. {@code web-1 exited with code
   * 0}).
   */
  synchronized void note(String text) {
    out.println(text);
    out.flush();
  }

  private String pad(String name) {
    return name + " ".repeat(Math.max(0, width - name.length()));
  }

  /** One container's line buffer. */
  final class Sink implements Consumer<LogLine> {
    private final String head;
    private final StringBuilder partial = new StringBuilder();

    private Sink(String head) {
      this.head = head;
    }

    @Override
    public void accept(LogLine chunk) {
      partial.append(chunk.text());
      int nl;
      while ((nl = partial.indexOf("\n")) >= 0) {
        print(partial.substring(0, nl));
        partial.delete(0, nl + 1);
      }
    }

    /** Prints what is left without a newline, at the end of the stream. */
    void flush() {
      if (partial.length() > 0) {
        print(partial.toString());
        partial.setLength(0);
      }
    }

    private void print(String line) {
      synchronized (LogPrinter.this) {
        out.println(head + line);
        out.flush();
      }
    }
  }
}
