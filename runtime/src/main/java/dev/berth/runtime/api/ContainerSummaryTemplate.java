package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One entry of {@code GET /containers/json} (Docker API 1.44 {@code ContainerSummary}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerSummaryTemplate(
    @JsonProperty("Id") String id,
    @JsonProperty("Names") List<String> names,
    @JsonProperty("Image") String image,
    @JsonProperty("ImageID") String imageId,
    @JsonProperty("Command") String command,
    @JsonProperty("Created") long created,
    @JsonProperty("Ports") List<Port> ports,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("State") String state,
    @JsonProperty("Status") String status,
    @JsonProperty("HostConfig") HostConfig hostConfig,
    @JsonProperty("NetworkSettings") NetworkSettings networkSettings,
    @JsonProperty("Mounts") List<ContainerInspectTemplate.MountPoint> mounts) {

  /** {@code Ports[]}: a container port, published or not. */
  public record Port(
      @JsonProperty("IP") String ip,
      @JsonProperty("PrivatePort") int privatePort,
      @JsonProperty("PublicPort") Integer publicPort,
      @JsonProperty("Type") String type) {}

  /** {@code HostConfig} of a summary: only the network mode. */
  public record HostConfig(@JsonProperty("NetworkMode") String networkMode) {}

  /** {@code NetworkSettings} of a summary: the networks. */
  public record NetworkSettings(
      @JsonProperty("Networks") Map<String, ContainerInspectTemplate.Endpoint> networks) {}
}
