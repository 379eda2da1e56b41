package dev.berth.runtime.volume;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.linux.LinuxException;
import dev.berth.runtime.linux.MountFlags;
import dev.berth.runtime.linux.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Mounts of volumes with driver options on their data directories, seen in mountinfo. */
final class VolumeMounts {
  private VolumeMounts() {}

  static void mount(VolumeInfo volume) throws EngineException {
    VolumeOptions options = volume.options();
    long flags = 0;
    List<String> data = new ArrayList<>();
    for (String option : options.mountOptions()) {
      switch (option) {
        case "bind" -> flags |= MountFlags.MS_BIND;
        case "rbind" -> flags |= MountFlags.MS_BIND | MountFlags.MS_REC;
        case "ro" -> flags |= MountFlags.MS_RDONLY;
        case "rw" -> {}
        case "nosuid" -> flags |= MountFlags.MS_NOSUID;
        case "nodev" -> flags |= MountFlags.MS_NODEV;
        case "noexec" -> flags |= MountFlags.MS_NOEXEC;
        default -> data.add(option);
      }
    }
    try {
      if (options.isBind()) {
        Path device = Path.of(options.device());
        if (!Files.isDirectory(device)) {
          throw new EngineException(
              ErrorKind.INVALID_ARGUMENT,
              "mount volume " + volume.name() + ": bind device " + device + " is not a directory");
        }
        Mounts.mount(device.toString(), volume.mountpoint(), null, flags, null);
      } else {
        Mounts.mount(
            options.device(),
            volume.mountpoint(),
            "tmpfs",
            flags,
            data.isEmpty() ? null : String.join(",", data));
      }
    } catch (LinuxException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "mount volume " + volume.name() + ": " + e.getMessage(), e);
    }
  }

  static void unmount(String name, Path mountpoint) throws EngineException {
    try {
      Mounts.umount2(mountpoint, MountFlags.MNT_DETACH);
    } catch (LinuxException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "unmount volume " + name + ": " + e.getMessage(), e);
    }
    if (isMountPoint(mountpoint)) {
      // never delete the tree below: it would be the bound host directory's content
      throw new EngineException(
          ErrorKind.CONFLICT, "volume " + name + " is still mounted at " + mountpoint);
    }
  }

  /** Whether something is mounted exactly at {@code path} (field 5 of /proc/self/mountinfo). */
  static boolean isMountPoint(Path path) throws EngineException {
    String wanted = path.toAbsolutePath().normalize().toString();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
        String[] fields = line.split(" ");
        if (fields.length > 4 && unescape(fields[4]).equals(wanted)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "read /proc/self/mountinfo: " + e, e);
    }
  }

  private static String unescape(String field) {
    return field
        .replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\");
  }
}
