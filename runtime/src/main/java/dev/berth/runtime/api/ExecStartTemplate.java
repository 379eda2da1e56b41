package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code POST /exec/{id}/start}: {@code {"Detach":false,"Tty":false}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecStartTemplate(
    @JsonProperty("Detach") boolean detach,
    @JsonProperty("Tty") boolean tty,
    @JsonProperty("ConsoleSize") List<Integer> consoleSize) {}
