package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The parts of {@code GET /exec/{id}/json} a client reads: whether it runs, its exit code. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecInspectTemplate(
    @JsonProperty("ID") String id,
    @JsonProperty("Running") boolean running,
    @JsonProperty("ExitCode") Integer exitCode,
    @JsonProperty("Pid") Integer pid) {}
