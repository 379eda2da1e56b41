package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of every Docker API error response: {@code {"message": "No such container: x"}}. */
public record ErrorTemplate(@JsonProperty("message") String message) {}
