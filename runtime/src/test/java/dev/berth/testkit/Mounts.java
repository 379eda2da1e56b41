package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/** Reads this mount namespace's mount points from {@code /proc/self/mountinfo}. */
public final class Mounts {

  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  private Mounts() {}

  /** Every mount point, unescaped ({@code \040} is a space), in mount order. */
  public static List<String> mountPoints() {
    try {
      return Files.readAllLines(MOUNTINFO, StandardCharsets.UTF_8).stream()
          .map(line -> line.split(" "))
          .filter(fields -> fields.length > 4)
          .map(fields -> unescape(fields[4]))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + MOUNTINFO, e);
    }
  }

  /** Lazily unmounts every mount at or below {@code dir}, deepest first. */
  static void unmountBelow(Path dir) {
    String prefix = dir.toString();
    mountPoints().stream()
        .filter(point -> point.equals(prefix) || point.startsWith(prefix + "/"))
        .distinct()
        .sorted(Comparator.reverseOrder())
        .forEach(point -> HostCommand.run(List.of("umount", "-l", point), Duration.ofSeconds(10)));
  }

  static String unescape(String field) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String field, int from) {
    if (from + 3 > field.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (field.charAt(i) < '0' || field.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
