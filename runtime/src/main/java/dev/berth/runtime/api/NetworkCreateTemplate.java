package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The body of {@code POST /networks/create} (Docker API 1.44 {@code NetworkCreateRequest}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NetworkCreateTemplate(
    @JsonProperty("Name") String name,
    @JsonProperty("CheckDuplicate") Boolean checkDuplicate,
    @JsonProperty("Driver") String driver,
    @JsonProperty("Internal") boolean internal,
    @JsonProperty("Attachable") boolean attachable,
    @JsonProperty("EnableIPv6") Boolean enableIpv6,
    @JsonProperty("IPAM") NetworkTemplate.Ipam ipam,
    @JsonProperty("Options") Map<String, String> options,
    @JsonProperty("Labels") Map<String, String> labels) {}
