package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The parts of {@code GET /containers/{id}/json} Compose clients read: state with health and exit
 * code, configuration labels, published ports.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerInspectTemplate(
    @JsonProperty("Id") String id,
    @JsonProperty("Name") String name,
    @JsonProperty("Image") String image,
    @JsonProperty("State") State state,
    @JsonProperty("Config") Config config,
    @JsonProperty("NetworkSettings") NetworkSettings networkSettings,
    @JsonProperty("Mounts") List<Mount> mounts) {

  /** One of {@code Mounts}: {@code {"Type":"volume","Name":"4f..","Destination":"/data"}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Mount(
      @JsonProperty("Type") String type,
      @JsonProperty("Name") String name,
      @JsonProperty("Source") String source,
      @JsonProperty("Destination") String destination) {}

  /** {@code State}: {@code {"Status":"exited","ExitCode":3,"Health":{..}}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record State(
      @JsonProperty("Status") String status,
      @JsonProperty("Running") boolean running,
      @JsonProperty("Paused") boolean paused,
      @JsonProperty("Restarting") boolean restarting,
      @JsonProperty("ExitCode") int exitCode,
      @JsonProperty("Error") String error,
      @JsonProperty("StartedAt") String startedAt,
      @JsonProperty("FinishedAt") String finishedAt,
      @JsonProperty("Health") Health health) {}

  /** {@code State.Health}: status and the last probes. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Health(
      @JsonProperty("Status") String status,
      @JsonProperty("FailingStreak") int failingStreak,
      @JsonProperty("Log") List<Probe> log) {}

  /** One healthcheck probe's result. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Probe(
      @JsonProperty("Start") String start,
      @JsonProperty("End") String end,
      @JsonProperty("ExitCode") int exitCode,
      @JsonProperty("Output") String output) {}

  /** {@code Config}: the parts read back. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Config(
      @JsonProperty("Image") String image,
      @JsonProperty("Labels") Map<String, String> labels,
      @JsonProperty("Tty") boolean tty) {}

  /** {@code NetworkSettings}: published ports, {@code "80/tcp": [{"HostPort":"8080"}]}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record NetworkSettings(
      @JsonProperty("Ports") Map<String, List<PortBindingTemplate>> ports,
      @JsonProperty("Networks") Map<String, Map<String, Object>> networks) {}
}
