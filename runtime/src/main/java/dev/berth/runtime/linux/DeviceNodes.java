package dev.berth.runtime.linux;

import java.nio.file.Path;

/** mknod(2) and the glibc encoding of device numbers; a char device 0/0 is an overlay whiteout. */
public final class DeviceNodes {
  public static final int S_IFIFO = 0010000;
  public static final int S_IFCHR = 0020000;
  public static final int S_IFBLK = 0060000;
  public static final int S_IFREG = 0100000;

  private DeviceNodes() {}

  /** Creates a node; {@code mode} is a type such as {@link #S_IFCHR} or'ed with permissions. */
  public static void mknod(Path path, int mode, long dev) throws LinuxException {
    String where = path.toString();
    Syscall.check(
        LibC.INSTANCE.mknod(where, mode, dev),
        () -> Call.of("mknod", where, Call.raw("0" + Integer.toOctalString(mode)), describe(dev)));
  }

  /** Creates an overlayfs whiteout: a char device 0/0 that hides the same name in lower layers. */
  public static void whiteout(Path path) throws LinuxException {
    mknod(path, S_IFCHR, makedev(0, 0));
  }

  /** The {@code dev_t} for a major and minor number, as glibc's {@code makedev}. */
  public static long makedev(int major, int minor) {
    long maj = Integer.toUnsignedLong(major);
    long min = Integer.toUnsignedLong(minor);
    return ((maj & 0x00000fffL) << 8)
        | ((maj & 0xfffff000L) << 32)
        | (min & 0x000000ffL)
        | ((min & 0xffffff00L) << 12);
  }

  /** The major number of a {@code dev_t}. */
  public static int major(long dev) {
    return (int) (((dev >>> 8) & 0x00000fffL) | ((dev >>> 32) & 0xfffff000L));
  }

  /** The minor number of a {@code dev_t}. */
  public static int minor(long dev) {
    return (int) ((dev & 0x000000ffL) | ((dev >>> 12) & 0xffffff00L));
  }

  private static Call.Raw describe(long dev) {
    return Call.raw("makedev(" + major(dev) + ", " + minor(dev) + ")");
  }
}
