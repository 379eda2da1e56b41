package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.BerthException;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an engine's refusal of a container create (a 400 naming API fields such as {@code
 * HostConfig.MemorySwap}) into an error naming the service and the compose keys that set them.
 */
public final class EngineRefusal {
  /** The create request's fields, longest first, and the compose keys they come from. */
  private static final Map<String, String> KEYS = keys();

  private EngineRefusal() {}

  private static Map<String, String> keys() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("MemoryReservation", "mem_reservation / deploy.resources.reservations.memory");
    m.put("MemorySwap", "memswap_limit");
    m.put("Memory", "mem_limit / deploy.resources.limits.memory");
    m.put("NanoCpus", "cpus / deploy.resources.limits.cpus");
    m.put("CpuShares", "cpu_shares");
    m.put("CpuQuota", "cpu_quota");
    m.put("CpuPeriod", "cpu_period");
    m.put("CpusetCpus", "cpuset");
    m.put("PidsLimit", "pids_limit / deploy.resources.limits.pids");
    m.put("ShmSize", "shm_size");
    m.put("Ulimits", "ulimits");
    m.put("Sysctls", "sysctls");
    m.put("DnsSearch", "dns_search");
    m.put("DnsOptions", "dns_opt");
    m.put("Dns", "dns");
    m.put("Domainname", "domainname");
    m.put("GroupAdd", "group_add");
    m.put("Devices", "devices");
    m.put("SecurityOpt", "security_opt");
    m.put("OomScoreAdj", "oom_score_adj");
    m.put("LogConfig", "logging");
    m.put("Runtime", "runtime");
    m.put("MacAddress", "mac_address");
    m.put("Tmpfs", "tmpfs");
    m.put("ReadonlyRootfs", "read_only");
    m.put("StopSignal", "stop_signal");
    m.put("StopTimeout", "stop_grace_period");
    m.put("Init", "init");
    m.put("CapAdd", "cap_add");
    m.put("CapDrop", "cap_drop");
    m.put("Privileged", "privileged");
    m.put("ExtraHosts", "extra_hosts");
    m.put("Links", "links");
    m.put("VolumesFrom", "volumes_from");
    m.put("IpcMode", "ipc");
    m.put("PidMode", "pid");
    m.put("UTSMode", "uts");
    return m;
  }

  /** Whether {@code e} is the engine refusing the request's content (a 400). */
  public static boolean isRefusal(EngineException e) {
    return e.kind() == ErrorKind.INVALID_ARGUMENT || e.kind() == ErrorKind.UNSUPPORTED;
  }

  /** Refusal {@code e} as an error about {@code service} naming the compose keys it mentions. */
  public static BerthException explain(String service, EngineException e) {
    List<String> keys = keysIn(e.getMessage());
    String prefix = "services." + service;
    return new BerthException(
        e.kind(),
        keys.isEmpty()
            ? prefix + ": the engine refused the container: " + e.getMessage()
            : prefix
                + "."
                + String.join(", ", keys)
                + ": the engine refused "
                + (keys.size() == 1 ? "it" : "them")
                + ": "
                + e.getMessage());
  }

  /** The compose keys behind the API fields named in {@code message}, in the order known. */
  static List<String> keysIn(String message) {
    List<String> out = new ArrayList<>();
    String rest = message == null ? "" : message;
    for (Map.Entry<String, String> k : KEYS.entrySet()) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\\b" + k.getKey() + "\\b").matcher(rest);
      if (m.find()) {
        out.add(k.getValue());
        // a longer field (MemorySwap) must not also count as a shorter one (Memory)
        rest = m.replaceAll("");
      }
    }
    return out;
  }
}
