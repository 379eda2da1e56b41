package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The body of {@code POST /volumes/create} (Docker API 1.44 {@code VolumeCreateOptions}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeCreateTemplate(
    @JsonProperty("Name") String name,
    @JsonProperty("Driver") String driver,
    @JsonProperty("DriverOpts") Map<String, String> driverOpts,
    @JsonProperty("Labels") Map<String, String> labels) {}
