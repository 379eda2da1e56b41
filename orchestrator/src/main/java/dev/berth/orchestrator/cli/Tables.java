package dev.berth.orchestrator.cli;

import java.io.PrintWriter;
import java.util.List;

/** Left-aligned columns three spaces apart, as the docker CLI prints its tables. */
final class Tables {
  private Tables() {}

  static void print(PrintWriter out, List<List<String>> rows) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> r : rows) {
      for (int i = 0; i < r.size(); i++) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    for (List<String> r : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < r.size(); i++) {
        sb.append(r.get(i));
        if (i < r.size() - 1) {
          sb.append(" ".repeat(widths[i] - r.get(i).length() + 3));
        }
      }
      out.println(sb.toString().stripTrailing());
    }
  }
}
