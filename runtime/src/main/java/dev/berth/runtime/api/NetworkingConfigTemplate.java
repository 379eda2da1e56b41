package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code NetworkingConfig} of a container create, and the body's endpoint part of {@code POST
 * /networks/{id}/connect}: {@code {"EndpointsConfig":{"p_default":{"Aliases":["web"]}}}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NetworkingConfigTemplate(
    @JsonProperty("EndpointsConfig") Map<String, EndpointTemplate> endpointsConfig) {

  /** One network endpoint's settings. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EndpointTemplate(
      @JsonProperty("Aliases") List<String> aliases,
      @JsonProperty("Links") List<String> links,
      @JsonProperty("IPAMConfig") NetworkConnectTemplate.IpamConfig ipamConfig) {}
}
