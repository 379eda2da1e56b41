package dev.berth.orchestrator.cli;

import java.util.Locale;

/** Sizes as the docker CLI prints them: decimal units, {@code 1.23MB}. */
final class Sizes {
  private Sizes() {}

  static String human(long bytes) {
    String[] units = {"B", "kB", "MB", "GB", "TB"};
    double v = bytes;
    int u = 0;
    while (v >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return String.format(Locale.ROOT, u == 0 ? "%.0f%s" : "%.3g%s", v, units[u]);
  }
}
