package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code GET /images/json} (Docker API 1.44 {@code ImageSummary}), e.g. {@code
 * {"Id":"sha256:..","RepoTags":["busybox:latest"],"RepoDigests":["busybox@sha256:.."],
 * "Created":1700000000,"Size":2150000,"Labels":{},...}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageSummaryTemplate(
    @JsonProperty("Id") String id,
    @JsonProperty("ParentId") String parentId,
    @JsonProperty("RepoTags") List<String> repoTags,
    @JsonProperty("RepoDigests") List<String> repoDigests,
    @JsonProperty("Created") long created,
    @JsonProperty("Size") long size,
    @JsonProperty("SharedSize") long sharedSize,
    @JsonProperty("VirtualSize") long virtualSize,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("Containers") long containers) {}
