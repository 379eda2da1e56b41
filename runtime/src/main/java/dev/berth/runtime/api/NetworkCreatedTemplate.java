package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer to {@code POST /networks/create}: {@code {"Id":"4f..","Warning":""}}. */
public record NetworkCreatedTemplate(
    @JsonProperty("Id") String id, @JsonProperty("Warning") String warning) {}
