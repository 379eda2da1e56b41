package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /containers/create} (Docker API 1.44 {@code ContainerConfig} plus {@code
 * HostConfig}), limited to the fields berthd understands so far; other fields are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ContainerCreateTemplate(
    @JsonProperty("Image") String image,
    @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Entrypoint") List<String> entrypoint,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("WorkingDir") String workingDir,
    @JsonProperty("User") String user,
    @JsonProperty("Tty") boolean tty,
    @JsonProperty("OpenStdin") boolean openStdin,
    @JsonProperty("StdinOnce") boolean stdinOnce,
    @JsonProperty("AttachStdin") boolean attachStdin,
    @JsonProperty("AttachStdout") boolean attachStdout,
    @JsonProperty("AttachStderr") boolean attachStderr,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("HostConfig") HostConfig hostConfig) {

  /** The host-side part of a container's configuration. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record HostConfig(@JsonProperty("AutoRemove") boolean autoRemove) {}
}
