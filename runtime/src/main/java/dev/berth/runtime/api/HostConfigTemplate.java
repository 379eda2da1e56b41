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
    @JsonProperty("PublishAllPorts") Boolean publishAllPorts) {

  /** {@code {"Name":"on-failure","MaximumRetryCount":3}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RestartPolicyTemplate(
      @JsonProperty("Name") String name,
      @JsonProperty("MaximumRetryCount") Integer maximumRetryCount) {}
}
