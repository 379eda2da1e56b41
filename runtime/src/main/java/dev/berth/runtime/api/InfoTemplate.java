package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /info} (Docker API 1.44 {@code SystemInfo}), limited to the fields the
 * docker CLI, docker-compose and Testcontainers read.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InfoTemplate(
    @JsonProperty("ID") String id,
    @JsonProperty("Name") String name,
    @JsonProperty("ServerVersion") String serverVersion,
    @JsonProperty("Containers") int containers,
    @JsonProperty("ContainersRunning") int containersRunning,
    @JsonProperty("ContainersPaused") int containersPaused,
    @JsonProperty("ContainersStopped") int containersStopped,
    @JsonProperty("Images") int images,
    @JsonProperty("Driver") String driver,
    @JsonProperty("DriverStatus") List<List<String>> driverStatus,
    @JsonProperty("Plugins") Plugins plugins,
    @JsonProperty("MemoryLimit") boolean memoryLimit,
    @JsonProperty("SwapLimit") boolean swapLimit,
    @JsonProperty("CpuCfsPeriod") boolean cpuCfsPeriod,
    @JsonProperty("CpuCfsQuota") boolean cpuCfsQuota,
    @JsonProperty("CPUShares") boolean cpuShares,
    @JsonProperty("CPUSet") boolean cpuSet,
    @JsonProperty("PidsLimit") boolean pidsLimit,
    @JsonProperty("IPv4Forwarding") boolean ipv4Forwarding,
    @JsonProperty("Debug") boolean debug,
    @JsonProperty("NFd") int openFiles,
    @JsonProperty("NGoroutines") int threads,
    @JsonProperty("SystemTime") String systemTime,
    @JsonProperty("LoggingDriver") String loggingDriver,
    @JsonProperty("CgroupDriver") String cgroupDriver,
    @JsonProperty("CgroupVersion") String cgroupVersion,
    @JsonProperty("NEventsListener") int eventsListeners,
    @JsonProperty("KernelVersion") String kernelVersion,
    @JsonProperty("OperatingSystem") String operatingSystem,
    @JsonProperty("OSVersion") String osVersion,
    @JsonProperty("OSType") String osType,
    @JsonProperty("Architecture") String architecture,
    @JsonProperty("IndexServerAddress") String indexServerAddress,
    @JsonProperty("RegistryConfig") RegistryConfig registryConfig,
    @JsonProperty("NCPU") int cpus,
    @JsonProperty("MemTotal") long memTotal,
    @JsonProperty("DockerRootDir") String rootDir,
    @JsonProperty("Labels") List<String> labels,
    @JsonProperty("ExperimentalBuild") boolean experimentalBuild,
    @JsonProperty("Runtimes") Map<String, Runtime> runtimes,
    @JsonProperty("DefaultRuntime") String defaultRuntime,
    @JsonProperty("Swarm") Swarm swarm,
    @JsonProperty("LiveRestoreEnabled") boolean liveRestoreEnabled,
    @JsonProperty("Isolation") String isolation,
    @JsonProperty("InitBinary") String initBinary,
    @JsonProperty("SecurityOptions") List<String> securityOptions,
    @JsonProperty("Warnings") List<String> warnings) {

  /** Plugin names by kind, e.g. {@code {"Network": ["bridge"]}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Plugins(
      @JsonProperty("Volume") List<String> volume,
      @JsonProperty("Network") List<String> network,
      @JsonProperty("Authorization") List<String> authorization,
      @JsonProperty("Log") List<String> log) {}

  /** Registry settings: insecure registries and mirrors. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RegistryConfig(
      @JsonProperty("InsecureRegistryCIDRs") List<String> insecureRegistryCidrs,
      @JsonProperty("IndexConfigs") Map<String, Object> indexConfigs,
      @JsonProperty("Mirrors") List<String> mirrors) {}

  /** An OCI runtime the engine can use, e.g. {@code {"path": "crun"}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Runtime(@JsonProperty("path") String path) {}

  /** Swarm state; berthd is never part of a swarm. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Swarm(
      @JsonProperty("NodeID") String nodeId,
      @JsonProperty("NodeAddr") String nodeAddr,
      @JsonProperty("LocalNodeState") String localNodeState,
      @JsonProperty("ControlAvailable") boolean controlAvailable,
      @JsonProperty("Error") String error) {}
}
