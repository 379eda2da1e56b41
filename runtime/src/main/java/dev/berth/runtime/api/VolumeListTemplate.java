package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The body of {@code GET /volumes}: {@code {"Volumes":[..],"Warnings":[]}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VolumeListTemplate(
    @JsonProperty("Volumes") List<VolumeTemplate> volumes,
    @JsonProperty("Warnings") List<String> warnings) {}
