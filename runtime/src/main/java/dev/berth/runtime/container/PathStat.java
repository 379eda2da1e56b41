package dev.berth.runtime.container;

import java.time.Instant;

/**
 * What {@code docker cp} learns of a container path before copying: its base name, size, mode as
 * Go's {@code os.FileMode} bits (directory {@code 1<<31}, symlink {@code 1<<27}, ... plus the
 * permission bits), modification time and, for a symlink, its target.
 */
public record PathStat(String name, long size, long mode, Instant mtime, String linkTarget) {
  static final long GO_DIR = 1L << 31;
  static final long GO_SYMLINK = 1L << 27;
  static final long GO_DEVICE = 1L << 26;
  static final long GO_NAMED_PIPE = 1L << 25;
  static final long GO_SOCKET = 1L << 24;
  static final long GO_SETUID = 1L << 23;
  static final long GO_SETGID = 1L << 22;
  static final long GO_CHAR_DEVICE = 1L << 21;
  static final long GO_STICKY = 1L << 20;

  public boolean isDirectory() {
    return (mode & GO_DIR) != 0;
  }

  /** Go's file mode from a Linux {@code st_mode}. */
  static long goMode(int unixMode) {
    long mode = unixMode & 0777;
    switch (unixMode & 0170000) {
      case 0040000 -> mode |= GO_DIR;
      case 0120000 -> mode |= GO_SYMLINK;
      case 0060000 -> mode |= GO_DEVICE;
      case 0020000 -> mode |= GO_DEVICE | GO_CHAR_DEVICE;
      case 0010000 -> mode |= GO_NAMED_PIPE;
      case 0140000 -> mode |= GO_SOCKET;
      default -> {}
    }
    if ((unixMode & 04000) != 0) {
      mode |= GO_SETUID;
    }
    if ((unixMode & 02000) != 0) {
      mode |= GO_SETGID;
    }
    if ((unixMode & 01000) != 0) {
      mode |= GO_STICKY;
    }
    return mode;
  }
}
