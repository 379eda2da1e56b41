package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /exec/{id}/start}: {@code {"Detach":false,"Tty":false}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExecStartTemplate(
    @JsonProperty("Detach") boolean detach, @JsonProperty("Tty") boolean tty) {}
