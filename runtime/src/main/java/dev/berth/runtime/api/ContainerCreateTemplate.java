package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /containers/create} (Docker API 1.44 {@code ContainerConfig} plus {@code
 * HostConfig} and {@code NetworkingConfig}), limited to the fields berthd understands; the server
 * refuses the others when they are set. berthd keeps it as the container's configuration, so
 * inspect echoes {@code Config} and {@code HostConfig} in Docker's shapes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerCreateTemplate(
    @JsonProperty("Hostname") String hostname,
    @JsonProperty("Domainname") String domainname,
    @JsonProperty("User") String user,
    @JsonProperty("AttachStdin") boolean attachStdin,
    @JsonProperty("AttachStdout") boolean attachStdout,
    @JsonProperty("AttachStderr") boolean attachStderr,
    @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
    @JsonProperty("Tty") boolean tty,
    @JsonProperty("OpenStdin") boolean openStdin,
    @JsonProperty("StdinOnce") boolean stdinOnce,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Healthcheck") HealthcheckTemplate healthcheck,
    @JsonProperty("Image") String image,
    @JsonProperty("Volumes") Map<String, Object> volumes,
    @JsonProperty("WorkingDir") String workingDir,
    @JsonProperty("Entrypoint") List<String> entrypoint,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("StopSignal") String stopSignal,
    @JsonProperty("StopTimeout") Integer stopTimeout,
    @JsonProperty("HostConfig") HostConfig hostConfig,
    @JsonProperty("NetworkingConfig") NetworkingConfig networkingConfig) {

  /** A request with only an image and a command, e.g. for tests. */
  public static ContainerCreateTemplate of(String image, List<String> cmd) {
    return new ContainerCreateTemplate(
        null, null, null, false, false, false, null, false, false, false, null, cmd, null, image,
        null, null, null, null, null, null, null, null);
  }

  /** The same request with another {@code Hostname}. */
  public ContainerCreateTemplate withHostname(String name) {
    return new ContainerCreateTemplate(
        name,
        domainname,
        user,
        attachStdin,
        attachStdout,
        attachStderr,
        exposedPorts,
        tty,
        openStdin,
        stdinOnce,
        env,
        cmd,
        healthcheck,
        image,
        volumes,
        workingDir,
        entrypoint,
        labels,
        stopSignal,
        stopTimeout,
        hostConfig,
        networkingConfig);
  }

  /** The same request with another host config. */
  public ContainerCreateTemplate withHostConfig(HostConfig host) {
    return new ContainerCreateTemplate(
        hostname,
        domainname,
        user,
        attachStdin,
        attachStdout,
        attachStderr,
        exposedPorts,
        tty,
        openStdin,
        stdinOnce,
        env,
        cmd,
        healthcheck,
        image,
        volumes,
        workingDir,
        entrypoint,
        labels,
        stopSignal,
        stopTimeout,
        host,
        networkingConfig);
  }

  /** {@code Healthcheck}: durations in nanoseconds, 0 inherits. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HealthcheckTemplate(
      @JsonProperty("Test") List<String> test,
      @JsonProperty("Interval") long interval,
      @JsonProperty("Timeout") long timeout,
      @JsonProperty("StartPeriod") long startPeriod,
      @JsonProperty("StartInterval") long startInterval,
      @JsonProperty("Retries") int retries) {}

  /** The host-side part of a container's configuration. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HostConfig(
      @JsonProperty("Binds") List<String> binds,
      @JsonProperty("NetworkMode") String networkMode,
      @JsonProperty("PortBindings") Map<String, List<PortBindingTemplate>> portBindings,
      @JsonProperty("RestartPolicy") RestartPolicyTemplate restartPolicy,
      @JsonProperty("AutoRemove") boolean autoRemove,
      @JsonProperty("VolumesFrom") List<String> volumesFrom,
      @JsonProperty("Mounts") List<MountTemplate> mounts,
      @JsonProperty("CapAdd") List<String> capAdd,
      @JsonProperty("CapDrop") List<String> capDrop,
      @JsonProperty("Dns") List<String> dns,
      @JsonProperty("DnsOptions") List<String> dnsOptions,
      @JsonProperty("DnsSearch") List<String> dnsSearch,
      @JsonProperty("ExtraHosts") List<String> extraHosts,
      @JsonProperty("GroupAdd") List<String> groupAdd,
      @JsonProperty("Links") List<String> links,
      @JsonProperty("Privileged") boolean privileged,
      @JsonProperty("PublishAllPorts") boolean publishAllPorts,
      @JsonProperty("ReadonlyRootfs") boolean readonlyRootfs,
      @JsonProperty("SecurityOpt") List<String> securityOpt,
      @JsonProperty("Tmpfs") Map<String, String> tmpfs,
      @JsonProperty("ShmSize") long shmSize,
      @JsonProperty("Sysctls") Map<String, String> sysctls,
      @JsonProperty("Runtime") String runtime,
      @JsonProperty("LogConfig") LogConfigTemplate logConfig,
      @JsonProperty("CpuShares") long cpuShares,
      @JsonProperty("Memory") long memory,
      @JsonProperty("MemoryReservation") long memoryReservation,
      @JsonProperty("NanoCpus") long nanoCpus,
      @JsonProperty("PidsLimit") Long pidsLimit,
      @JsonProperty("Devices") List<DeviceTemplate> devices,
      @JsonProperty("Ulimits") List<UlimitTemplate> ulimits,
      @JsonProperty("Init") Boolean init) {

    /** A host config that only asks for removal on exit. */
    public static HostConfig autoRemoving(boolean autoRemove) {
      return new HostConfig(
          null,
          null,
          null,
          null,
          autoRemove,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          false,
          false,
          false,
          null,
          null,
          0,
          null,
          null,
          null,
          0,
          0,
          0,
          0,
          null,
          null,
          null,
          null);
    }
  }

  /** One entry of {@code PortBindings["80/tcp"]}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PortBindingTemplate(
      @JsonProperty("HostIp") String hostIp, @JsonProperty("HostPort") String hostPort) {}

  /** {@code RestartPolicy}. */
  public record RestartPolicyTemplate(
      @JsonProperty("Name") String name,
      @JsonProperty("MaximumRetryCount") int maximumRetryCount) {}

  /** {@code LogConfig}: only json-file and local are accepted. */
  public record LogConfigTemplate(
      @JsonProperty("Type") String type, @JsonProperty("Config") Map<String, String> config) {}

  /** {@code Devices[]}. */
  public record DeviceTemplate(
      @JsonProperty("PathOnHost") String pathOnHost,
      @JsonProperty("PathInContainer") String pathInContainer,
      @JsonProperty("CgroupPermissions") String cgroupPermissions) {}

  /** {@code Ulimits[]}. */
  public record UlimitTemplate(
      @JsonProperty("Name") String name,
      @JsonProperty("Soft") long soft,
      @JsonProperty("Hard") long hard) {}

  /** {@code Mounts[]}: bind, volume or tmpfs. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MountTemplate(
      @JsonProperty("Type") String type,
      @JsonProperty("Source") String source,
      @JsonProperty("Target") String target,
      @JsonProperty("ReadOnly") boolean readOnly,
      @JsonProperty("BindOptions") BindOptions bindOptions,
      @JsonProperty("VolumeOptions") VolumeOptions volumeOptions,
      @JsonProperty("TmpfsOptions") TmpfsOptions tmpfsOptions) {}

  /** {@code Mounts[].BindOptions}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BindOptions(
      @JsonProperty("Propagation") String propagation,
      @JsonProperty("CreateMountpoint") boolean createMountpoint) {}

  /** {@code Mounts[].VolumeOptions}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VolumeOptions(
      @JsonProperty("NoCopy") boolean noCopy, @JsonProperty("Labels") Map<String, String> labels) {}

  /** {@code Mounts[].TmpfsOptions}. */
  public record TmpfsOptions(
      @JsonProperty("SizeBytes") long sizeBytes, @JsonProperty("Mode") int mode) {}

  /** {@code NetworkingConfig}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record NetworkingConfig(
      @JsonProperty("EndpointsConfig") Map<String, EndpointTemplate> endpointsConfig) {}

  /** {@code EndpointsConfig[name]}, also the body of network connect. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EndpointTemplate(
      @JsonProperty("IPAMConfig") IpamConfig ipamConfig,
      @JsonProperty("Aliases") List<String> aliases,
      @JsonProperty("Links") List<String> links) {}

  /** {@code IPAMConfig}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IpamConfig(@JsonProperty("IPv4Address") String ipv4Address) {}
}
