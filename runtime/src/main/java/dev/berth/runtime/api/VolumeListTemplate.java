package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** The answer to {@code GET /volumes}: {@code {"Volumes":[...],"Warnings":[]}}. */
public record VolumeListTemplate(
    @JsonProperty("Volumes") List<VolumeTemplate> volumes,
    @JsonProperty("Warnings") List<String> warnings) {}
