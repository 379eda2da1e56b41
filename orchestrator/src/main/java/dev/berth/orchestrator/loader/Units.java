package dev.berth.orchestrator.loader;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations ({@code 1m30s}) and byte sizes ({@code 512m}) as Compose reads and prints them. */
public final class Units {
  private static final Pattern DURATION_PART =
      Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h|d|w)");
  private static final Pattern BYTES = Pattern.compile("^(\\d+(?:\\.\\d+)?) ?([kmgtpe]?)(i?b?)$");

  private Units() {}

  /** Nanoseconds in a Go-style duration, or throws IllegalArgumentException. */
  public static long parseDuration(String s) {
    String t = s.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("invalid duration \"" + s + "\"");
    }
    boolean negative = t.startsWith("-");
    if (negative || t.startsWith("+")) {
      t = t.substring(1);
    }
    if (t.equals("0")) {
      return 0;
    }
    Matcher m = DURATION_PART.matcher(t);
    int pos = 0;
    BigDecimal total = BigDecimal.ZERO;
    while (pos < t.length()) {
      if (!m.find(pos) || m.start() != pos || m.group(1).isEmpty() || m.group(1).equals(".")) {
        throw new IllegalArgumentException("invalid duration \"" + s + "\"");
      }
      total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit(m.group(2)))));
      pos = m.end();
    }
    long nanos = total.longValue();
    return negative ? -nanos : nanos;
  }

  private static long unit(String u) {
    switch (u) {
      case "ns":
        return 1L;
      case "us":
      case "µs":
      case "μs":
        return 1_000L;
      case "ms":
        return 1_000_000L;
      case "s":
        return 1_000_000_000L;
      case "m":
        return 60_000_000_000L;
      case "h":
        return 3_600_000_000_000L;
      case "d":
        return 86_400_000_000_000L;
      default:
        return 604_800_000_000_000L;
    }
  }

  /** Formats nanoseconds as Go's {@code time.Duration.String()} does. */
  public static String formatDuration(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    if (nanos < 0) {
      sb.append('-');
      nanos = -nanos;
    }
    if (nanos < 1_000_000_000L) {
      if (nanos < 1_000L) {
        return sb.append(nanos).append("ns").toString();
      }
      if (nanos < 1_000_000L) {
        return sb.append(fraction(nanos, 1_000L)).append("µs").toString();
      }
      return sb.append(fraction(nanos, 1_000_000L)).append("ms").toString();
    }
    long hours = nanos / 3_600_000_000_000L;
    long rem = nanos % 3_600_000_000_000L;
    long minutes = rem / 60_000_000_000L;
    long secNanos = rem % 60_000_000_000L;
    if (hours > 0) {
      sb.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      sb.append(minutes).append('m');
    }
    sb.append(fraction(secNanos, 1_000_000_000L)).append('s');
    return sb.toString();
  }

  private static String fraction(long v, long unit) {
    BigDecimal d = BigDecimal.valueOf(v).divide(BigDecimal.valueOf(unit));
    String s = d.stripTrailingZeros().toPlainString();
    return s;
  }

  /** Bytes in {@code s} (go-units RAMInBytes: 1024 multiples, case-insensitive). */
  public static long parseBytes(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    if (t.matches("-[0-9]+")) {
      return Long.parseLong(t);
    }
    Matcher m = BYTES.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid size: '" + s + "'");
    }
    BigDecimal n = new BigDecimal(m.group(1));
    int power = "kmgtpe".indexOf(m.group(2)) + 1;
    if (m.group(2).isEmpty()) {
      power = 0;
    }
    return n.multiply(BigDecimal.valueOf(1024).pow(power)).longValue();
  }
}
