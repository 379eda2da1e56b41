package dev.berth.runtime.oci;

import java.util.List;

/**
 * What Docker gives every container unless told otherwise: capabilities, masked and read-only
 * paths, the standard mounts and the device cgroup allow list (moby's {@code oci/defaults.go} and
 * {@code oci/caps/defaults.go}).
 */
public final class DockerDefaults {
  private DockerDefaults() {}

  /** Docker's default capability set. */
  public static final List<String> CAPABILITIES =
      List.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_FSETID",
          "CAP_FOWNER",
          "CAP_MKNOD",
          "CAP_NET_RAW",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETFCAP",
          "CAP_SETPCAP",
          "CAP_NET_BIND_SERVICE",
          "CAP_SYS_CHROOT",
          "CAP_KILL",
          "CAP_AUDIT_WRITE");

  /** Paths hidden from an unprivileged container. */
  public static final List<String> MASKED_PATHS =
      List.of(
          "/proc/asound",
          "/proc/acpi",
          "/proc/kcore",
          "/proc/keys",
          "/proc/latency_stats",
          "/proc/timer_list",
          "/proc/timer_stats",
          "/proc/sched_debug",
          "/proc/scsi",
          "/sys/firmware",
          "/sys/devices/virtual/powercap");

  /** Paths an unprivileged container sees read-only. */
  public static final List<String> READONLY_PATHS =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  /** The default size of {@code /dev/shm}: 64 MiB. */
  public static final long SHM_SIZE = 64L * 1024 * 1024;

  /** The standard mounts; {@code /sys} and the cgroup tree read-only unless privileged. */
  public static List<RuntimeSpec.Mount> mounts(long shmSizeBytes, boolean privileged) {
    String sysMode = privileged ? "rw" : "ro";
    return List.of(
        new RuntimeSpec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
        new RuntimeSpec.Mount(
            "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
        new RuntimeSpec.Mount(
            "/dev/pts",
            "devpts",
            "devpts",
            List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
        new RuntimeSpec.Mount(
            "/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", sysMode)),
        new RuntimeSpec.Mount(
            "/sys/fs/cgroup", "cgroup", "cgroup", List.of("nosuid", "noexec", "nodev", sysMode)),
        new RuntimeSpec.Mount(
            "/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
        new RuntimeSpec.Mount(
            "/dev/shm",
            "tmpfs",
            "shm",
            List.of("nosuid", "noexec", "nodev", "mode=1777", "size=" + shmSizeBytes)));
  }

  /** The device cgroup rules: deny all, then Docker's standard character devices. */
  public static List<RuntimeSpec.DeviceRule> deviceRules() {
    return List.of(
        new RuntimeSpec.DeviceRule(false, null, null, null, "rwm"),
        new RuntimeSpec.DeviceRule(true, "c", null, null, "m"),
        new RuntimeSpec.DeviceRule(true, "b", null, null, "m"),
        new RuntimeSpec.DeviceRule(true, "c", 1L, 3L, "rwm"),
        new RuntimeSpec.DeviceRule(true, "c", 1L, 8L, "rwm"),
        new RuntimeSpec.DeviceRule(true, "c", 1L, 7L, "rwm"),
        new RuntimeSpec.DeviceRule(true, "c", 5L, 0L, "rwm"),
        new RuntimeSpec.DeviceRule(true, "c", 1L, 5L, "rwm"),
        new RuntimeSpec.DeviceRule(true, "c", 1L, 9L, "rwm"),
        new RuntimeSpec.DeviceRule(true, "c", 5L, 1L, "rwm"),
        new RuntimeSpec.DeviceRule(true, "c", 136L, null, "rwm"),
        new RuntimeSpec.DeviceRule(true, "c", 5L, 2L, "rwm"),
        new RuntimeSpec.DeviceRule(true, "c", 10L, 200L, "rwm"));
  }
}
