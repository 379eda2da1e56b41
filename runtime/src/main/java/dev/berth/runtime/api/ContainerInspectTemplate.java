package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /containers/{id}/json} (Docker API 1.44 {@code
 * ContainerInspectResponse}), with the fields berthd knows; {@code Config} and {@code HostConfig}
 * echo the create request.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerInspectTemplate(
    @JsonProperty("Id") String id,
    @JsonProperty("Created") String created,
    @JsonProperty("Path") String path,
    @JsonProperty("Args") List<String> args,
    @JsonProperty("State") State state,
    @JsonProperty("Image") String image,
    @JsonProperty("ResolvConfPath") String resolvConfPath,
    @JsonProperty("HostnamePath") String hostnamePath,
    @JsonProperty("HostsPath") String hostsPath,
    @JsonProperty("LogPath") String logPath,
    @JsonProperty("Name") String name,
    @JsonProperty("RestartCount") int restartCount,
    @JsonProperty("Driver") String driver,
    @JsonProperty("Platform") String platform,
    @JsonProperty("MountLabel") String mountLabel,
    @JsonProperty("ProcessLabel") String processLabel,
    @JsonProperty("AppArmorProfile") String appArmorProfile,
    @JsonProperty("HostConfig") ContainerCreateTemplate.HostConfig hostConfig,
    @JsonProperty("Mounts") List<MountPoint> mounts,
    @JsonProperty("Config") ContainerCreateTemplate config,
    @JsonProperty("NetworkSettings") NetworkSettings networkSettings) {

  /** {@code State}. */
  public record State(
      @JsonProperty("Status") String status,
      @JsonProperty("Running") boolean running,
      @JsonProperty("Paused") boolean paused,
      @JsonProperty("Restarting") boolean restarting,
      @JsonProperty("OOMKilled") boolean oomKilled,
      @JsonProperty("Dead") boolean dead,
      @JsonProperty("Pid") int pid,
      @JsonProperty("ExitCode") int exitCode,
      @JsonProperty("Error") String error,
      @JsonProperty("StartedAt") String startedAt,
      @JsonProperty("FinishedAt") String finishedAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("Health") Health health) {}

  /** {@code State.Health}. */
  public record Health(
      @JsonProperty("Status") String status,
      @JsonProperty("FailingStreak") int failingStreak,
      @JsonProperty("Log") List<HealthLog> log) {}

  /** One probe in {@code State.Health.Log}. */
  public record HealthLog(
      @JsonProperty("Start") String start,
      @JsonProperty("End") String end,
      @JsonProperty("ExitCode") int exitCode,
      @JsonProperty("Output") String output) {}

  /** One of {@code Mounts}. */
  public record MountPoint(
      @JsonProperty("Type") String type,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("Name") String name,
      @JsonProperty("Source") String source,
      @JsonProperty("Destination") String destination,
      @JsonProperty("Mode") String mode,
      @JsonProperty("RW") boolean rw,
      @JsonProperty("Propagation") String propagation) {}

  /** {@code NetworkSettings}: ports and networks, and the legacy top-level address fields. */
  public record NetworkSettings(
      @JsonProperty("Bridge") String bridge,
      @JsonProperty("SandboxID") String sandboxId,
      @JsonProperty("SandboxKey") String sandboxKey,
      @JsonProperty("Ports") Map<String, List<ContainerCreateTemplate.PortBindingTemplate>> ports,
      @JsonProperty("EndpointID") String endpointId,
      @JsonProperty("Gateway") String gateway,
      @JsonProperty("IPAddress") String ipAddress,
      @JsonProperty("IPPrefixLen") int ipPrefixLen,
      @JsonProperty("MacAddress") String macAddress,
      @JsonProperty("Networks") Map<String, Endpoint> networks) {}

  /** {@code NetworkSettings.Networks[name]}. */
  public record Endpoint(
      @JsonProperty("IPAMConfig") ContainerCreateTemplate.IpamConfig ipamConfig,
      @JsonProperty("Links") List<String> links,
      @JsonProperty("Aliases") List<String> aliases,
      @JsonProperty("MacAddress") String macAddress,
      @JsonProperty("NetworkID") String networkId,
      @JsonProperty("EndpointID") String endpointId,
      @JsonProperty("Gateway") String gateway,
      @JsonProperty("IPAddress") String ipAddress,
      @JsonProperty("IPPrefixLen") int ipPrefixLen,
      @JsonProperty("IPv6Gateway") String ipv6Gateway,
      @JsonProperty("GlobalIPv6Address") String globalIpv6Address,
      @JsonProperty("GlobalIPv6PrefixLen") int globalIpv6PrefixLen,
      @JsonProperty("DNSNames") List<String> dnsNames) {}
}
