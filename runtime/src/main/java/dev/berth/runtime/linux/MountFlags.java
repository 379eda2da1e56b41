package dev.berth.runtime.linux;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** Flags of mount(2) and umount2(2), and how a set of them reads in a message. */
public final class MountFlags {
  public static final long MS_RDONLY = 1L;
  public static final long MS_NOSUID = 2L;
  public static final long MS_NODEV = 4L;
  public static final long MS_NOEXEC = 8L;
  public static final long MS_SYNCHRONOUS = 16L;
  public static final long MS_REMOUNT = 32L;
  public static final long MS_DIRSYNC = 128L;
  public static final long MS_NOSYMFOLLOW = 256L;
  public static final long MS_NOATIME = 1024L;
  public static final long MS_NODIRATIME = 2048L;
  public static final long MS_BIND = 4096L;
  public static final long MS_MOVE = 8192L;
  public static final long MS_REC = 16384L;
  public static final long MS_SILENT = 32768L;
  public static final long MS_UNBINDABLE = 1L << 17;
  public static final long MS_PRIVATE = 1L << 18;
  public static final long MS_SLAVE = 1L << 19;
  public static final long MS_SHARED = 1L << 20;
  public static final long MS_RELATIME = 1L << 21;
  public static final long MS_STRICTATIME = 1L << 24;
  public static final long MS_LAZYTIME = 1L << 25;

  public static final int MNT_FORCE = 1;
  public static final int MNT_DETACH = 2;
  public static final int MNT_EXPIRE = 4;
  public static final int UMOUNT_NOFOLLOW = 8;

  private static final Map<Long, String> MOUNT_NAMES = new LinkedHashMap<>();
  private static final Map<Long, String> UMOUNT_NAMES = new LinkedHashMap<>();

  static {
    MOUNT_NAMES.put(MS_RDONLY, "MS_RDONLY");
    MOUNT_NAMES.put(MS_NOSUID, "MS_NOSUID");
    MOUNT_NAMES.put(MS_NODEV, "MS_NODEV");
    MOUNT_NAMES.put(MS_NOEXEC, "MS_NOEXEC");
    MOUNT_NAMES.put(MS_SYNCHRONOUS, "MS_SYNCHRONOUS");
    MOUNT_NAMES.put(MS_REMOUNT, "MS_REMOUNT");
    MOUNT_NAMES.put(MS_DIRSYNC, "MS_DIRSYNC");
    MOUNT_NAMES.put(MS_NOSYMFOLLOW, "MS_NOSYMFOLLOW");
    MOUNT_NAMES.put(MS_NOATIME, "MS_NOATIME");
    MOUNT_NAMES.put(MS_NODIRATIME, "MS_NODIRATIME");
    MOUNT_NAMES.put(MS_BIND, "MS_BIND");
    MOUNT_NAMES.put(MS_MOVE, "MS_MOVE");
    MOUNT_NAMES.put(MS_REC, "MS_REC");
    MOUNT_NAMES.put(MS_SILENT, "MS_SILENT");
    MOUNT_NAMES.put(MS_UNBINDABLE, "MS_UNBINDABLE");
    MOUNT_NAMES.put(MS_PRIVATE, "MS_PRIVATE");
    MOUNT_NAMES.put(MS_SLAVE, "MS_SLAVE");
    MOUNT_NAMES.put(MS_SHARED, "MS_SHARED");
    MOUNT_NAMES.put(MS_RELATIME, "MS_RELATIME");
    MOUNT_NAMES.put(MS_STRICTATIME, "MS_STRICTATIME");
    MOUNT_NAMES.put(MS_LAZYTIME, "MS_LAZYTIME");
    UMOUNT_NAMES.put((long) MNT_FORCE, "MNT_FORCE");
    UMOUNT_NAMES.put((long) MNT_DETACH, "MNT_DETACH");
    UMOUNT_NAMES.put((long) MNT_EXPIRE, "MNT_EXPIRE");
    UMOUNT_NAMES.put((long) UMOUNT_NOFOLLOW, "UMOUNT_NOFOLLOW");
  }

  private MountFlags() {}

  /** Mount flags by name, e.g. {@code MS_BIND|MS_REC}; {@code 0} for none. */
  public static String describeMount(long flags) {
    return describe(flags, MOUNT_NAMES);
  }

  /** Unmount flags by name, e.g. {@code MNT_DETACH}; {@code 0} for none. */
  public static String describeUmount(int flags) {
    return describe(flags, UMOUNT_NAMES);
  }

  private static String describe(long flags, Map<Long, String> names) {
    if (flags == 0) {
      return "0";
    }
    StringJoiner joiner = new StringJoiner("|");
    long rest = flags;
    for (Map.Entry<Long, String> name : names.entrySet()) {
      if ((rest & name.getKey()) != 0) {
        joiner.add(name.getValue());
        rest &= ~name.getKey();
      }
    }
    if (rest != 0) {
      joiner.add("0x" + Long.toHexString(rest));
    }
    return joiner.toString();
  }
}
