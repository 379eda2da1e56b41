package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The answer to {@code GET /images/{name}/json} (Docker API 1.44 {@code ImageInspect}): the image's
 * names, its run config, platform, size and layers ({@code RootFS}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageInspectTemplate(
    @JsonProperty("Id") String id,
    @JsonProperty("RepoTags") List<String> repoTags,
    @JsonProperty("RepoDigests") List<String> repoDigests,
    @JsonProperty("Parent") String parent,
    @JsonProperty("Comment") String comment,
    @JsonProperty("Created") String created,
    @JsonProperty("Container") String container,
    @JsonProperty("ContainerConfig") Config containerConfig,
    @JsonProperty("DockerVersion") String dockerVersion,
    @JsonProperty("Author") String author,
    @JsonProperty("Config") Config config,
    @JsonProperty("Architecture") String architecture,
    @JsonProperty("Variant") @JsonInclude(JsonInclude.Include.NON_EMPTY) String variant,
    @JsonProperty("Os") String os,
    @JsonProperty("Size") long size,
    @JsonProperty("VirtualSize") long virtualSize,
    @JsonProperty("GraphDriver") GraphDriver graphDriver,
    @JsonProperty("RootFS") RootFs rootFs,
    @JsonProperty("Metadata") Metadata metadata) {

  /** The run configuration the image gives containers. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Config(
      @JsonProperty("Hostname") String hostname,
      @JsonProperty("Domainname") String domainname,
      @JsonProperty("User") String user,
      @JsonProperty("AttachStdin") boolean attachStdin,
      @JsonProperty("AttachStdout") boolean attachStdout,
      @JsonProperty("AttachStderr") boolean attachStderr,
      @JsonProperty("ExposedPorts") Map<String, Map<String, String>> exposedPorts,
      @JsonProperty("Tty") boolean tty,
      @JsonProperty("OpenStdin") boolean openStdin,
      @JsonProperty("StdinOnce") boolean stdinOnce,
      @JsonProperty("Env") List<String> env,
      @JsonProperty("Cmd") List<String> cmd,
      @JsonProperty("Healthcheck") @JsonInclude(JsonInclude.Include.NON_NULL)
          Healthcheck healthcheck,
      @JsonProperty("Image") String image,
      @JsonProperty("Volumes") Map<String, Map<String, String>> volumes,
      @JsonProperty("WorkingDir") String workingDir,
      @JsonProperty("Entrypoint") List<String> entrypoint,
      @JsonProperty("OnBuild") List<String> onBuild,
      @JsonProperty("Labels") Map<String, String> labels,
      @JsonProperty("StopSignal") @JsonInclude(JsonInclude.Include.NON_EMPTY) String stopSignal) {}

  /** A HEALTHCHECK, durations in nanoseconds. */
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  public record Healthcheck(
      @JsonProperty("Test") List<String> test,
      @JsonProperty("Interval") long interval,
      @JsonProperty("Timeout") long timeout,
      @JsonProperty("StartPeriod") long startPeriod,
      @JsonProperty("StartInterval") long startInterval,
      @JsonProperty("Retries") int retries) {}

  /** Where the layers are on disk. */
  public record GraphDriver(
      @JsonProperty("Name") String name, @JsonProperty("Data") Map<String, String> data) {}

  /** The layers' diff IDs, bottom first. */
  public record RootFs(
      @JsonProperty("Type") String type, @JsonProperty("Layers") List<String> layers) {}

  /** When the image was last tagged here. */
  public record Metadata(@JsonProperty("LastTagTime") String lastTagTime) {}
}
