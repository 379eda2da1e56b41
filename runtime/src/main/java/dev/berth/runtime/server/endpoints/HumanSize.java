package dev.berth.runtime.server.endpoints;

import java.math.BigDecimal;
import java.math.MathContext;

/** Go's {@code units.HumanSizeWithPrecision(n, 3)}: {@code 512B}, {@code 2.15kB}, {@code 1.2MB}. */
final class HumanSize {
  private static final String[] UNITS = {"B", "kB", "MB", "GB", "TB", "PB"};

  private HumanSize() {}

  static String of(long bytes) {
    double size = bytes;
    int unit = 0;
    while (size >= 1000 && unit < UNITS.length - 1) {
      size /= 1000;
      unit++;
    }
    return new BigDecimal(size).round(new MathContext(3)).stripTrailingZeros().toPlainString()
        + UNITS[unit];
  }

  /** Docker's progress bar: {@code [=====> ] 1.2MB/3.4MB}. */
  static String bar(long current, long total) {
    if (total <= 0) {
      return of(current);
    }
    int width = 50;
    int done = (int) Math.min(width, width * current / total);
    StringBuilder bar = new StringBuilder("[");
    bar.append("=".repeat(Math.max(0, done - 1)));
    if (done > 0) {
      bar.append(done == width ? "=" : ">");
    }
    bar.append(" ".repeat(width - done)).append("] ");
    return bar + " " + of(current) + "/" + of(total);
  }
}
