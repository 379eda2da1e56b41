package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A network as {@code GET /networks/{id}} and {@code GET /networks} answer it (Docker API 1.44
 * {@code Network}), e.g. {@code {"Name":"app","Id":"4f..","Created":"..","Scope":"local",
 * "Driver":"bridge","IPAM":{"Driver":"default","Config":[{"Subnet":"172.18.0.0/16",
 * "Gateway":"172.18.0.1"}]},"Containers":{},...}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkTemplate(
    @JsonProperty("Name") String name,
    @JsonProperty("Id") String id,
    @JsonProperty("Created") String created,
    @JsonProperty("Scope") String scope,
    @JsonProperty("Driver") String driver,
    @JsonProperty("EnableIPv6") boolean enableIpv6,
    @JsonProperty("IPAM") Ipam ipam,
    @JsonProperty("Internal") boolean internal,
    @JsonProperty("Attachable") boolean attachable,
    @JsonProperty("Ingress") boolean ingress,
    @JsonProperty("ConfigFrom") ConfigFrom configFrom,
    @JsonProperty("ConfigOnly") boolean configOnly,
    @JsonProperty("Containers") Map<String, Endpoint> containers,
    @JsonProperty("Options") Map<String, String> options,
    @JsonProperty("Labels") Map<String, String> labels) {

  /** The IP address management of a network. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Ipam(
      @JsonProperty("Driver") String driver,
      @JsonProperty("Options") Map<String, String> options,
      @JsonProperty("Config") List<IpamConfig> config) {}

  /** One subnet of a network: {@code {"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IpamConfig(
      @JsonProperty("Subnet") String subnet,
      @JsonProperty("IPRange") String ipRange,
      @JsonProperty("Gateway") String gateway,
      @JsonProperty("AuxiliaryAddresses") Map<String, String> auxiliaryAddresses) {}

  /** The network a config-only network is taken from; berth has none. */
  public record ConfigFrom(@JsonProperty("Network") String network) {}

  /** A container on the network: {@code {"Name":"web","IPv4Address":"172.18.0.2/16",...}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Endpoint(
      @JsonProperty("Name") String name,
      @JsonProperty("EndpointID") String endpointId,
      @JsonProperty("MacAddress") String macAddress,
      @JsonProperty("IPv4Address") String ipv4Address,
      @JsonProperty("IPv6Address") String ipv6Address) {}
}
