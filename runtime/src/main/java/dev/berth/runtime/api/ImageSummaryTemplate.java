package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One item of {@code GET /images/json}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageSummaryTemplate(
    @JsonProperty("Id") String id,
    @JsonProperty("RepoTags") List<String> repoTags,
    @JsonProperty("Created") long created,
    @JsonProperty("Size") long size) {}
