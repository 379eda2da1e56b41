package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code DELETE /images/{name}}: {@code {"Untagged":"busybox:latest"}} or {@code
 * {"Deleted":"sha256:.."}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageDeleteTemplate(
    @JsonProperty("Untagged") String untagged, @JsonProperty("Deleted") String deleted) {}
