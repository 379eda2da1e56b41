package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A volume as {@code GET /volumes/{name}} answers it (Docker API 1.44 {@code Volume}), e.g. {@code
 * {"CreatedAt":"2026-11-27T12:00:00Z","Driver":"local","Labels":{},"Mountpoint":"/var/lib/berth/
 * volumes/db/_data","Name":"db","Options":{},"Scope":"local"}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeTemplate(
    @JsonProperty("CreatedAt") String createdAt,
    @JsonProperty("Driver") String driver,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("Mountpoint") String mountpoint,
    @JsonProperty("Name") String name,
    @JsonProperty("Options") Map<String, String> options,
    @JsonProperty("Scope") String scope) {}
