package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Id, size and creation time from {@code GET /images/{name}/json}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageDetailsTemplate(
    @JsonProperty("Id") String id,
    @JsonProperty("Size") long size,
    @JsonProperty("Created") String created) {}
