package dev.berth.orchestrator.engine;

import java.util.List;
import java.util.Map;

/**
 * The rest of a container's host configuration, passed to the engine as docker compose passes it:
 * resources, kernel settings, DNS, devices, logging, namespaces. Null (or empty) leaves the
 * engine's default; sizes are bytes, {@code nanoCpus} is CPUs × 10⁹.
 */
public record HostOptions(
    String domainname,
    String macAddress,
    Long shmSize,
    Map<String, String> tmpfs,
    Map<String, String> sysctls,
    List<Ulimit> ulimits,
    List<String> dns,
    List<String> dnsSearch,
    List<String> dnsOptions,
    Resources resources,
    List<String> groupAdd,
    List<Device> devices,
    List<String> securityOpt,
    Integer oomScoreAdj,
    Logging logging,
    String runtime,
    List<String> links,
    List<String> volumesFrom,
    String ipc,
    String pid,
    String uts) {

  /** No options at all. */
  public static final HostOptions NONE =
      new HostOptions(
          null,
          null,
          null,
          Map.of(),
          Map.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          Resources.NONE,
          List.of(),
          List.of(),
          List.of(),
          null,
          null,
          null,
          List.of(),
          List.of(),
          null,
          null,
          null);

  public HostOptions {
    tmpfs = Map.copyOf(tmpfs);
    sysctls = Map.copyOf(sysctls);
    ulimits = List.copyOf(ulimits);
    dns = List.copyOf(dns);
    dnsSearch = List.copyOf(dnsSearch);
    dnsOptions = List.copyOf(dnsOptions);
    resources = resources == null ? Resources.NONE : resources;
    groupAdd = List.copyOf(groupAdd);
    devices = List.copyOf(devices);
    securityOpt = List.copyOf(securityOpt);
    links = List.copyOf(links);
    volumesFrom = List.copyOf(volumesFrom);
  }

  /** A resource limit of {@code ulimit -<name>}. */
  public record Ulimit(String name, long soft, long hard) {}

  /** A host device made available inside the container with cgroup permissions {@code rwm}. */
  public record Device(String source, String target, String permissions) {}

  /** A log driver and its options. */
  public record Logging(String driver, Map<String, String> options) {
    public Logging {
      options = Map.copyOf(options);
    }
  }

  /** cgroup limits; null is unlimited (or the engine's default). */
  public record Resources(
      Long memory,
      Long memoryReservation,
      Long memorySwap,
      Long memorySwappiness,
      Long nanoCpus,
      Long cpuShares,
      Long cpuQuota,
      Long cpuPeriod,
      String cpusetCpus,
      Long pidsLimit) {
    public static final Resources NONE =
        new Resources(null, null, null, null, null, null, null, null, null, null);
  }
}
