package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /containers/{id}/exec}: {@code {"Cmd":["sh","-c","id"],
 * "AttachStdout":true,"AttachStderr":true,"Tty":false}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecCreateTemplate(
    @JsonProperty("Cmd") List<String> cmd,
    @JsonProperty("Env") List<String> env,
    @JsonProperty("User") String user,
    @JsonProperty("WorkingDir") String workingDir,
    @JsonProperty("Privileged") Boolean privileged,
    @JsonProperty("Tty") boolean tty,
    @JsonProperty("AttachStdin") boolean attachStdin,
    @JsonProperty("AttachStdout") boolean attachStdout,
    @JsonProperty("AttachStderr") boolean attachStderr) {}
