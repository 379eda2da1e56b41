package dev.berth.runtime.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A busybox-static image layer built in a directory: {@code /bin/busybox}, a link per applet, an
 * {@code /etc/passwd} with root and {@code app} (1000:1000, also in group {@code audio}), {@code
 * /tmp} 1777. Stands in for the test kit's images until they are merged.
 */
final class BusyboxRootfs {
  private BusyboxRootfs() {}

  static Path build(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("bin"));
    Files.copy(
        Path.of("/bin/busybox"), dir.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
    Process list = new ProcessBuilder("/bin/busybox", "--list-full").start();
    List<String> applets = new String(list.getInputStream().readAllBytes()).lines().toList();
    list.waitFor();
    for (String applet : applets) {
      Path link = dir.resolve(applet);
      Files.createDirectories(link.getParent());
      if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, Path.of("/bin/busybox"));
      }
    }
    Files.createDirectories(dir.resolve("etc"));
    Files.writeString(
        dir.resolve("etc/passwd"),
        "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\n");
    Files.writeString(dir.resolve("etc/group"), "root:x:0:\napp:x:1000:\naudio:x:29:app\n");
    Files.createDirectories(dir.resolve("root"));
    Files.createDirectories(dir.resolve("home/app"));
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
    new ProcessBuilder("chmod", "1777", tmp.toString()).start().waitFor();
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("data/seed.txt"), "from the image\n");
    return dir;
  }
}
