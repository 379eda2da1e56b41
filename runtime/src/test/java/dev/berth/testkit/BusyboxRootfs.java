package dev.berth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of a minimal runnable rootfs: the host's static busybox, a relative symlink per
 * applet, {@code /etc/passwd} and {@code /etc/group} with root and nobody, and {@code /tmp} 1777.
 */
public final class BusyboxRootfs {

  /** Debian's {@code busybox-static}. */
  public static final Path BUSYBOX = Path.of("/bin/busybox");

  static final String PASSWD =
      "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
  static final String GROUP = "root:x:0:\nnobody:x:65534:\n";

  private BusyboxRootfs() {}

  /** All entries of the rootfs layer. */
  public static List<LayerEntry> entries() {
    List<LayerEntry> entries = new ArrayList<>();
    for (String dir :
        List.of("bin", "dev", "etc", "proc", "sbin", "sys", "usr", "usr/bin", "usr/sbin", "var")) {
      entries.add(LayerEntry.directory(dir, 0755));
    }
    entries.add(LayerEntry.directory("root", 0700));
    entries.add(LayerEntry.directory("tmp", 01777));
    entries.add(LayerEntry.file("bin/busybox", 0755, busyboxBinary()));
    entries.add(LayerEntry.file("etc/passwd", 0644, PASSWD));
    entries.add(LayerEntry.file("etc/group", 0644, GROUP));
    for (String applet : applets()) {
      entries.add(LayerEntry.symlink(applet, relativeTarget(applet)));
    }
    return entries;
  }

  /** Paths such as {@code bin/sh} and {@code usr/bin/wget}, from {@code busybox --list-full}. */
  static List<String> applets() {
    String list =
        HostCommand.runChecked(List.of(BUSYBOX.toString(), "--list-full"), Duration.ofSeconds(10))
            .stdout();
    return list.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.equals("bin/busybox"))
        .sorted()
        .toList();
  }

  /** {@code busybox} from {@code bin/sh}, {@code ../../bin/busybox} from {@code usr/bin/wget}. */
  static String relativeTarget(String applet) {
    Path parent = Path.of(applet).getParent();
    Path busybox = Path.of("bin/busybox");
    return parent == null ? busybox.toString() : parent.relativize(busybox).toString();
  }

  private static byte[] busyboxBinary() {
    try {
      return Files.readAllBytes(BUSYBOX);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUSYBOX + " (package busybox-static)", e);
    }
  }
}
