package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /version} (Docker API 1.44 {@code SystemVersion}), e.g. {@code
 * {"Components":[{"Name":"berthd","Version":"0.1.0"}],"ApiVersion":"1.44",...}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VersionTemplate(
    @JsonProperty("Platform") Platform platform,
    @JsonProperty("Components") List<Component> components,
    @JsonProperty("Version") String version,
    @JsonProperty("ApiVersion") String apiVersion,
    @JsonProperty("MinAPIVersion") String minApiVersion,
    @JsonProperty("GitCommit") String gitCommit,
    @JsonProperty("GoVersion") String goVersion,
    @JsonProperty("Os") String os,
    @JsonProperty("Arch") String arch,
    @JsonProperty("KernelVersion") String kernelVersion,
    @JsonProperty("BuildTime") String buildTime) {

  /** The product name, e.g. {@code {"Name": "berth"}}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Platform(@JsonProperty("Name") String name) {}

  /** One part of the engine and its version, e.g. {@code berthd 0.1.0}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Component(
      @JsonProperty("Name") String name,
      @JsonProperty("Version") String version,
      @JsonProperty("Details") Map<String, String> details) {}
}
