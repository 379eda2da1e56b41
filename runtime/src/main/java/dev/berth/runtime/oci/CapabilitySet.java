package dev.berth.runtime.oci;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Linux capability names and Docker's {@code cap_add}/{@code cap_drop}/{@code privileged} rules.
 */
public final class CapabilitySet {
  /** Every capability by number, as the kernel numbers them (capability.h). */
  public static final List<String> ALL =
      List.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_DAC_READ_SEARCH",
          "CAP_FOWNER",
          "CAP_FSETID",
          "CAP_KILL",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETPCAP",
          "CAP_LINUX_IMMUTABLE",
          "CAP_NET_BIND_SERVICE",
          "CAP_NET_BROADCAST",
          "CAP_NET_ADMIN",
          "CAP_NET_RAW",
          "CAP_IPC_LOCK",
          "CAP_IPC_OWNER",
          "CAP_SYS_MODULE",
          "CAP_SYS_RAWIO",
          "CAP_SYS_CHROOT",
          "CAP_SYS_PTRACE",
          "CAP_SYS_PACCT",
          "CAP_SYS_ADMIN",
          "CAP_SYS_BOOT",
          "CAP_SYS_NICE",
          "CAP_SYS_RESOURCE",
          "CAP_SYS_TIME",
          "CAP_SYS_TTY_CONFIG",
          "CAP_MKNOD",
          "CAP_LEASE",
          "CAP_AUDIT_WRITE",
          "CAP_AUDIT_CONTROL",
          "CAP_SETFCAP",
          "CAP_MAC_OVERRIDE",
          "CAP_MAC_ADMIN",
          "CAP_SYSLOG",
          "CAP_WAKE_ALARM",
          "CAP_BLOCK_SUSPEND",
          "CAP_AUDIT_READ",
          "CAP_PERFMON",
          "CAP_BPF",
          "CAP_CHECKPOINT_RESTORE");

  private CapabilitySet() {}

  /** The capabilities whose bits are set in a hex mask such as {@code CapBnd} of /proc/status. */
  public static List<String> fromMask(String hexMask) {
    long mask = Long.parseUnsignedLong(hexMask.trim(), 16);
    List<String> caps = new ArrayList<>();
    for (int bit = 0; bit < ALL.size(); bit++) {
      if ((mask & (1L << bit)) != 0) {
        caps.add(ALL.get(bit));
      }
    }
    return caps;
  }

  /**
   * The effective set: Docker's defaults (or everything the host allows when privileged), minus
   * {@code drop}, plus {@code add}; {@code ALL} works in either list and {@code add} wins.
   */
  public static List<String> resolve(
      List<String> hostBounding, boolean privileged, List<String> add, List<String> drop)
      throws EngineException {
    List<String> normalizedAdd = normalize(add);
    List<String> normalizedDrop = normalize(drop);
    if (privileged) {
      return List.copyOf(hostBounding);
    }
    Set<String> caps = new LinkedHashSet<>(DockerDefaults.CAPABILITIES);
    if (normalizedDrop.contains("ALL")) {
      caps.clear();
    } else {
      normalizedDrop.forEach(caps::remove);
    }
    if (normalizedAdd.contains("ALL")) {
      caps.addAll(hostBounding);
    }
    for (String cap : normalizedAdd) {
      if (!cap.equals("ALL") && !hostBounding.contains(cap)) {
        throw new EngineException(
            ErrorKind.UNSUPPORTED, "cap_add " + cap + ": not in this host's bounding set");
      }
      if (!cap.equals("ALL")) {
        caps.add(cap);
      }
    }
    caps.retainAll(hostBounding);
    return List.copyOf(caps);
  }

  private static List<String> normalize(List<String> names) throws EngineException {
    List<String> result = new ArrayList<>();
    for (String name : names) {
      String upper = name.trim().toUpperCase(Locale.ROOT);
      if (upper.equals("ALL")) {
        result.add(upper);
        continue;
      }
      String cap = upper.startsWith("CAP_") ? upper : "CAP_" + upper;
      if (!ALL.contains(cap)) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT, "unknown capability \"" + name + "\"");
      }
      result.add(cap);
    }
    return result;
  }
}
