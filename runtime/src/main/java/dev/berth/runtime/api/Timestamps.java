package dev.berth.runtime.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's {@code since}/{@code until} values: Unix seconds ({@code 1700000000.5}), RFC 3339
 * ({@code 2024-01-02T03:04:05Z}; local time without an offset, or a date alone) or a Go duration
 * before now ({@code 10m}, {@code 1h30m}).
 */
public final class Timestamps {
  private static final Pattern UNIX = Pattern.compile("-?\\d+(\\.\\d{1,9})?");
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|s|m|h)");

  private Timestamps() {}

  public static Instant parse(String name, String text, Instant now) throws EngineException {
    String value = text.strip();
    if (UNIX.matcher(value).matches()) {
      BigDecimal seconds = new BigDecimal(value);
      long whole = seconds.longValue();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
      return Instant.ofEpochSecond(whole, nanos);
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException notDate) {
      // without an offset, the time is local (as the docker CLI reads it)
    }
    try {
      return LocalDateTime.parse(value).atZone(ZoneId.systemDefault()).toInstant();
    } catch (DateTimeParseException notLocal) {
      // a date alone, next
    }
    try {
      return LocalDate.parse(value).atStartOfDay(ZoneId.systemDefault()).toInstant();
    } catch (DateTimeParseException notDate) {
      // a duration, last
    }
    Duration duration = duration(value);
    if (duration == null) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "invalid "
              + name
              + " \""
              + text
              + "\": expected Unix seconds, an RFC 3339 time or a duration like 10m");
    }
    return now.minus(duration);
  }

  private static Duration duration(String value) {
    Matcher m = DURATION.matcher(value);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      double amount = Double.parseDouble(m.group(1));
      long nanosPerUnit =
          switch (m.group(2)) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
          };
      total = total.plusNanos((long) (amount * nanosPerUnit));
      end = m.end();
    }
    return end == value.length() && end > 0 ? total : null;
  }

  /**
   * Docker's fixed-width RFC 3339 with nanoseconds, e.g. {@code 2026-11-27T09:28:04.116414998Z}.
   */
  public static String rfc3339Nano(Instant time) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
        .withZone(java.time.ZoneOffset.UTC)
        .format(time);
  }

  /** {@code time} as the Unix seconds the API takes, e.g. {@code 1700000000.250000000}. */
  public static String unixSeconds(Instant time) {
    return time.getEpochSecond() + "." + String.format("%09d", time.getNano());
  }
}
