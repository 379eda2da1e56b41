package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A container's healthcheck ({@code Config.Healthcheck}); durations in nanoseconds, e.g. {@code
 * {"Test":["CMD-SHELL","pg_isready"],"Interval":1000000000,"Retries":3}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthConfigTemplate(
    @JsonProperty("Test") List<String> test,
    @JsonProperty("Interval") Long interval,
    @JsonProperty("Timeout") Long timeout,
    @JsonProperty("Retries") Integer retries,
    @JsonProperty("StartPeriod") Long startPeriod,
    @JsonProperty("StartInterval") Long startInterval) {}
