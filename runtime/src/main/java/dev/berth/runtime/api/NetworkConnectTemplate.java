package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /networks/{id}/connect}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkConnectTemplate(
    @JsonProperty("Container") String container,
    @JsonProperty("EndpointConfig") NetworkingConfigTemplate.EndpointTemplate endpointConfig) {}
