package dev.berth.runtime.linux;

import com.sun.jna.Native;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/** Extended attributes on a path itself, never a symlink's target (lsetxattr, lgetxattr). */
public final class Xattrs {
  /** Fail if the attribute exists already. */
  public static final int XATTR_CREATE = 1;

  /** Fail if the attribute does not exist yet. */
  public static final int XATTR_REPLACE = 2;

  private Xattrs() {}

  /** Sets {@code name} (e.g. {@code trusted.overlay.opaque}) to {@code value}. */
  public static void lsetxattr(Path path, String name, byte[] value, int flags)
      throws LinuxException {
    String where = path.toString();
    Syscall.check(
        LibC.INSTANCE.lsetxattr(where, name, value, value.length, flags),
        () -> Call.of("lsetxattr", where, name, preview(value), value.length, flags));
  }

  /** Sets {@code name} to the UTF-8 bytes of {@code value}, e.g. {@code "y"}. */
  public static void lsetxattr(Path path, String name, String value) throws LinuxException {
    lsetxattr(path, name, value.getBytes(StandardCharsets.UTF_8), 0);
  }

  /** The value of {@code name}; fails with {@code ENODATA} when the path has no such attribute. */
  public static byte[] lgetxattr(Path path, String name) throws LinuxException {
    String where = path.toString();
    while (true) {
      long size =
          Syscall.check(
              LibC.INSTANCE.lgetxattr(where, name, null, 0),
              () -> Call.of("lgetxattr", where, name, null, 0));
      byte[] value = new byte[(int) size];
      long read = LibC.INSTANCE.lgetxattr(where, name, value, value.length);
      if (read == -1 && Native.getLastError() == Errno.ERANGE) {
        continue; // the value grew between the two calls
      }
      long length = Syscall.check(read, () -> Call.of("lgetxattr", where, name, "…", value.length));
      return length == value.length ? value : Arrays.copyOf(value, (int) length);
    }
  }

  private static String preview(byte[] value) {
    String text = new String(value, StandardCharsets.UTF_8);
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
