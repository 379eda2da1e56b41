package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer to {@code GET /exec/{id}/json} (Docker API 1.44 {@code ExecInspectResponse}); {@code
 * ExitCode} is null until the process exited.
 */
public record ExecInspectTemplate(
    @JsonProperty("ID") String id,
    @JsonProperty("Running") boolean running,
    @JsonProperty("ExitCode") @JsonInclude(JsonInclude.Include.ALWAYS) Integer exitCode,
    @JsonProperty("ProcessConfig") ProcessConfig processConfig,
    @JsonProperty("OpenStdin") boolean openStdin,
    @JsonProperty("OpenStderr") boolean openStderr,
    @JsonProperty("OpenStdout") boolean openStdout,
    @JsonProperty("CanRemove") boolean canRemove,
    @JsonProperty("ContainerID") String containerId,
    @JsonProperty("DetachKeys") String detachKeys,
    @JsonProperty("Pid") int pid) {

  /** What runs: {@code entrypoint} is the program, {@code arguments} the rest of the command. */
  public record ProcessConfig(
      @JsonProperty("privileged") boolean privileged,
      @JsonProperty("user") String user,
      @JsonProperty("tty") boolean tty,
      @JsonProperty("entrypoint") String entrypoint,
      @JsonProperty("arguments") List<String> arguments) {}
}
