package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.BerthException;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an engine's refusal of a container create (a 400 naming API fields such as {@code
 * HostConfig.MemorySwap}) into an error naming the service and the compose keys that set them.
 */
public final class EngineRefusal {
  /**
   * The compose keys and how engines name them in a refusal: the API field (berthd: {@code
   * HostConfig.MemorySwap}) or the docker CLI flag or words dockerd's messages use ({@code invalid
   * --security-opt}). Longer names come before the shorter ones they start with.
   */
  private static final List<Map.Entry<String, Pattern>> KEYS =
      List.of(
          key(
              "mem_reservation / deploy.resources.reservations.memory",
              "MemoryReservation",
              "--memory-reservation",
              "memory reservation"),
          key("mem_swappiness", "MemorySwappiness", "--memory-swappiness", "swappiness"),
          key("memswap_limit", "MemorySwap", "--memory-swap", "memoryswap", "memory swap"),
          key("mem_limit / deploy.resources.limits.memory", "Memory", "--memory", "memory limit"),
          key(
              "cpus / deploy.resources.limits.cpus",
              "NanoCpus",
              "--cpus",
              "NanoCPUs",
              "Range of CPUs"),
          key("cpu_shares", "CpuShares", "--cpu-shares"),
          key("cpu_quota", "CpuQuota", "--cpu-quota", "CPU cfs quota"),
          key("cpu_period", "CpuPeriod", "--cpu-period", "CPU cfs period"),
          key("cpuset", "CpusetCpus", "--cpuset-cpus", "cpuset"),
          key("pids_limit / deploy.resources.limits.pids", "PidsLimit", "--pids-limit"),
          key("shm_size", "ShmSize", "--shm-size", "SHM size"),
          key("ulimits", "Ulimits", "--ulimit", "ulimit"),
          key("sysctls", "Sysctls", "--sysctl", "sysctl"),
          key("dns_search", "DnsSearch", "--dns-search"),
          key("dns_opt", "DnsOptions", "--dns-option"),
          key("dns", "Dns", "--dns"),
          key("domainname", "Domainname"),
          key("group_add", "GroupAdd", "--group-add"),
          key("devices", "Devices", "--device", "custom device"),
          key("security_opt", "SecurityOpt", "--security-opt", "security option"),
          key("oom_score_adj", "OomScoreAdj", "--oom-score-adj", "oom_score_adj"),
          key("logging", "LogConfig", "--log-driver", "--log-opt", "log driver", "log opt"),
          key("runtime", "Runtime", "--runtime", "runtime name"),
          key("mac_address", "MacAddress", "--mac-address", "mac address"),
          key("tmpfs", "Tmpfs", "--tmpfs"),
          key("read_only", "ReadonlyRootfs", "--read-only"),
          key("stop_signal", "StopSignal", "--stop-signal"),
          key("stop_grace_period", "StopTimeout", "--stop-timeout"),
          key("init", "Init", "--init"),
          key("cap_add", "CapAdd", "--cap-add"),
          key("cap_drop", "CapDrop", "--cap-drop"),
          key("privileged", "Privileged", "--privileged"),
          key("extra_hosts", "ExtraHosts", "--add-host"),
          key("links", "Links", "--link"),
          key("volumes_from", "VolumesFrom", "--volumes-from"),
          key("ipc", "IpcMode", "--ipc", "IPC mode"),
          key("pid", "PidMode", "--pid", "PID mode"),
          key("uts", "UTSMode", "--uts", "UTS mode"));

  private EngineRefusal() {}

  private static Map.Entry<String, Pattern> key(String composeKey, String... names) {
    List<String> quoted = new ArrayList<>();
    for (String n : names) {
      quoted.add(Pattern.quote(n));
    }
    return Map.entry(
        composeKey, Pattern.compile("(?<![\\w-])(" + String.join("|", quoted) + ")(?![\\w-])"));
  }

  /** Whether {@code e} is the engine refusing the request's content (a 400). */
  public static boolean isRefusal(EngineException e) {
    return e.kind() == ErrorKind.INVALID_ARGUMENT
        || e.kind() == ErrorKind.UNSUPPORTED
        // dockerd before 23 answers 500 for a bad option such as an unknown --security-opt
        || e.kind() == ErrorKind.INTERNAL;
  }

  /** Refusal {@code e} as an error about {@code service} naming the compose keys it mentions. */
  public static BerthException explain(String service, EngineException e) {
    List<String> keys = keysIn(e.getMessage());
    String prefix = "services." + service;
    return new BerthException(
        e.kind(),
        keys.isEmpty()
            ? prefix + ": the engine could not create the container: " + e.getMessage()
            : prefix
                + "."
                + String.join(", ", keys)
                + ": the engine refused "
                + (keys.size() == 1 ? "it" : "them")
                + ": "
                + e.getMessage());
  }

  /**
   * {@code " (set by compose key x, y)"} when {@code message} names fields or flags of known keys
   * (an OCI runtime refusing a sysctl at start, say), else empty.
   */
  public static String hint(String message) {
    List<String> keys = keysIn(message);
    return keys.isEmpty()
        ? ""
        : " (set by compose key" + (keys.size() == 1 ? " " : "s ") + String.join(", ", keys) + ")";
  }

  /** The compose keys behind the fields or flags named in {@code message}, in the order known. */
  static List<String> keysIn(String message) {
    List<String> out = new ArrayList<>();
    String rest = message == null ? "" : message;
    for (Map.Entry<String, Pattern> k : KEYS) {
      Matcher m = k.getValue().matcher(rest);
      if (m.find()) {
        out.add(k.getKey());
        // a longer name (MemorySwap) must not also count as a shorter one (Memory)
        rest = m.replaceAll(" ");
      }
    }
    return out;
  }
}
