package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One host binding of a container port: {@code {"HostIp":"127.0.0.1","HostPort":"8080"}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortBindingTemplate(
    @JsonProperty("HostIp") String hostIp, @JsonProperty("HostPort") String hostPort) {}
