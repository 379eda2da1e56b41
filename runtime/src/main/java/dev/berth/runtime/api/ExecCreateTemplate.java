package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /containers/{id}/exec} (Docker API 1.44 {@code ExecConfig}), e.g. {@code
 * {"AttachStdout":true,"AttachStderr":true,"Cmd":["sh","-c","exit 7"]}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecCreateTemplate(
    @JsonProperty("AttachStdin") boolean attachStdin,
    @JsonProperty("AttachStdout") boolean attachStdout,
    @JsonProperty("AttachStderr") boolean attachStderr,
    @JsonProperty("DetachKeys") String detachKeys,
    @JsonProperty("Tty") boolean tty,
    @JsonProperty("ConsoleSize") List<Integer> consoleSize,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Privileged") boolean privileged,
    @JsonProperty("User") String user,
    @JsonProperty("WorkingDir") String workingDir) {}
