package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A body that only names what was made, e.g. {@code {"Id":"4f.."}} for a created exec. */
public record IdTemplate(@JsonProperty("Id") String id) {}
