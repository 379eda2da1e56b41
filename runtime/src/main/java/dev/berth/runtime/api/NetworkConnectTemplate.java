package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /networks/{id}/connect} and {@code /disconnect}: {@code
 * {"Container":"web","EndpointConfig":{"Aliases":["db"],"IPAMConfig":{"IPv4Address":"..."}}}} or
 * {@code {"Container":"web","Force":true}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkConnectTemplate(
    @JsonProperty("Container") String container,
    @JsonProperty("EndpointConfig") EndpointConfig endpointConfig,
    @JsonProperty("Force") boolean force) {

  /** The endpoint settings berth honours. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record EndpointConfig(
      @JsonProperty("Aliases") List<String> aliases,
      @JsonProperty("IPAMConfig") IpamConfig ipamConfig) {}

  /** A static address for the endpoint. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record IpamConfig(@JsonProperty("IPv4Address") String ipv4Address) {}
}
