package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The body of {@code POST /networks/create}: {@code {"Name":"p_default","Driver":"bridge",
 * "Labels":{..}}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkCreateTemplate(
    @JsonProperty("Name") String name,
    @JsonProperty("Driver") String driver,
    @JsonProperty("Internal") Boolean internal,
    @JsonProperty("Attachable") Boolean attachable,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("Options") Map<String, String> options) {}
