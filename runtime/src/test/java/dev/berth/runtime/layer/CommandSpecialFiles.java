package dev.berth.runtime.layer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the Linux facade in tests: real nodes through {@code mknod(1)}, xattrs recorded in
 * a map (the JDK can only set {@code user.} ones).
 */
final class CommandSpecialFiles implements SpecialFiles {
  final Map<String, byte[]> xattrs = new ConcurrentHashMap<>();

  @Override
  public void mknod(Path path, int mode, int major, int minor) throws IOException {
    String type =
        switch (mode & 0170000) {
          case S_IFCHR -> "c";
          case S_IFBLK -> "b";
          default -> "p";
        };
    ProcessBuilder pb =
        type.equals("p")
            ? new ProcessBuilder(
                "mknod", "-m", Integer.toOctalString(mode & 07777), path.toString(), "p")
            : new ProcessBuilder(
                "mknod",
                "-m",
                Integer.toOctalString(mode & 07777),
                path.toString(),
                type,
                Integer.toString(major),
                Integer.toString(minor));
    try {
      Process p = pb.redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) {
        throw new IOException("mknod " + path + ": " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void lsetxattr(Path path, String name, byte[] value) {
    xattrs.put(path + "\0" + name, value.clone());
  }

  byte[] xattr(Path path, String name) {
    return xattrs.get(path + "\0" + name);
  }
}
