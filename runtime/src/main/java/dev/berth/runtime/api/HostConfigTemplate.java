package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The host side of a container's configuration ({@code HostConfig}) as Compose clients send it. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostConfigTemplate(
    @JsonProperty("Mounts") List<MountTemplate> mounts,
    @JsonProperty("PortBindings") Map<String, List<PortBindingTemplate>> portBindings,
    @JsonProperty("RestartPolicy") RestartPolicyTemplate restartPolicy,
    @JsonProperty("NetworkMode") String networkMode,
    @JsonProperty("AutoRemove") Boolean autoRemove,
    @JsonProperty("Init") Boolean init,
    @JsonProperty("Privileged") Boolean privileged,
    @JsonProperty("ReadonlyRootfs") Boolean readonlyRootfs,
    @JsonProperty("CapAdd") List<String> capAdd,
    @JsonProperty("CapDrop") List<String> capDrop,
    @JsonProperty("ExtraHosts") List<String> extraHosts,
    @JsonProperty("Tmpfs") Map<String, String> tmpfs,
    @JsonProperty("ShmSize") Long shmSize,
    @JsonProperty("PublishAllPorts") Boolean publishAllPorts,
    @JsonProperty("Dns") List<String> dns,
    @JsonProperty("DnsSearch") List<String> dnsSearch,
    @JsonProperty("DnsOptions") List<String> dnsOptions,
    @JsonProperty("Sysctls") Map<String, String> sysctls,
    @JsonProperty("Ulimits") List<UlimitTemplate> ulimits,
    @JsonProperty("Memory") Long memory,
    @JsonProperty("MemoryReservation") Long memoryReservation,
    @JsonProperty("MemorySwap") Long memorySwap,
    @JsonProperty("MemorySwappiness") Long memorySwappiness,
    @JsonProperty("NanoCpus") Long nanoCpus,
    @JsonProperty("CpuShares") Long cpuShares,
    @JsonProperty("CpuQuota") Long cpuQuota,
    @JsonProperty("CpuPeriod") Long cpuPeriod,
    @JsonProperty("CpusetCpus") String cpusetCpus,
    @JsonProperty("PidsLimit") Long pidsLimit,
    @JsonProperty("GroupAdd") List<String> groupAdd,
    @JsonProperty("Devices") List<DeviceTemplate> devices,
    @JsonProperty("SecurityOpt") List<String> securityOpt,
    @JsonProperty("OomScoreAdj") Integer oomScoreAdj,
    @JsonProperty("LogConfig") LogConfigTemplate logConfig,
    @JsonProperty("Runtime") String runtime,
    @JsonProperty("Links") List<String> links,
    @JsonProperty("VolumesFrom") List<String> volumesFrom,
    @JsonProperty("IpcMode") String ipcMode,
    @JsonProperty("PidMode") String pidMode,
    @JsonProperty("UTSMode") String utsMode) {

  /** {@code {"Name":"on-failure","MaximumRetryCount":3}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RestartPolicyTemplate(
      @JsonProperty("Name") String name,
      @JsonProperty("MaximumRetryCount") Integer maximumRetryCount) {}

  /** {@code {"Name":"nofile","Soft":1024,"Hard":2048}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record UlimitTemplate(
      @JsonProperty("Name") String name,
      @JsonProperty("Soft") long soft,
      @JsonProperty("Hard") long hard) {}

  /** {@code {"PathOnHost":"/dev/fuse","PathInContainer":"/dev/fuse","CgroupPermissions":"rwm"}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record DeviceTemplate(
      @JsonProperty("PathOnHost") String pathOnHost,
      @JsonProperty("PathInContainer") String pathInContainer,
      @JsonProperty("CgroupPermissions") String cgroupPermissions) {}

  /** {@code {"Type":"json-file","Config":{"max-size":"10m"}}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LogConfigTemplate(
      @JsonProperty("Type") String type, @JsonProperty("Config") Map<String, String> config) {}
}
