package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code GET /containers/{id}/top}: {@code
 * {"Titles":["UID","PID",..],"Processes":[[..]]}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerTopTemplate(
    @JsonProperty("Titles") List<String> titles,
    @JsonProperty("Processes") List<List<String>> processes) {}
