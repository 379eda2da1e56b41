package dev.berth.runtime.linux;

import static dev.berth.runtime.linux.MountFlags.describeMount;
import static dev.berth.runtime.linux.MountFlags.describeUmount;

import java.nio.file.Path;

/** mount(2) and umount2(2); flags are in {@link MountFlags}. */
public final class Mounts {
  private Mounts() {}

  /**
   * Mounts {@code source} of type {@code fstype} on {@code target}.
   *
   * @param source a device, directory or name such as {@code "overlay"}; may be null
   * @param fstype e.g. {@code "tmpfs"}, {@code "overlay"}; null for bind, remount and propagation
   * @param data filesystem options such as {@code "lowerdir=…,upperdir=…"}; may be null
   */
  public static void mount(String source, Path target, String fstype, long flags, String data)
      throws LinuxException {
    String where = target.toString();
    Syscall.check(
        LibC.INSTANCE.mount(source, where, fstype, flags, data),
        () -> Call.of("mount", source, where, fstype, Call.raw(describeMount(flags)), data));
  }

  /** Bind-mounts {@code source} on {@code target}, with its submounts when {@code recursive}. */
  public static void bind(Path source, Path target, boolean recursive) throws LinuxException {
    mount(
        source.toString(),
        target,
        null,
        MountFlags.MS_BIND | (recursive ? MountFlags.MS_REC : 0),
        null);
  }

  /** Sets the propagation of the mount at {@code target}, e.g. {@code MS_REC|MS_PRIVATE}. */
  public static void setPropagation(Path target, long propagationFlags) throws LinuxException {
    mount(null, target, null, propagationFlags, null);
  }

  /** Unmounts {@code target}; {@code MNT_DETACH} unmounts lazily even while it is busy. */
  public static void umount2(Path target, int flags) throws LinuxException {
    String where = target.toString();
    Syscall.check(
        LibC.INSTANCE.umount2(where, flags),
        () -> Call.of("umount2", where, Call.raw(describeUmount(flags))));
  }
}
