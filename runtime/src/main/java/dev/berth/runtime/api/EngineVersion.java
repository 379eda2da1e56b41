package dev.berth.runtime.api;

import java.util.List;
import java.util.Objects;

/** What an engine says about itself in {@code /version}: which engine, which API, which host. */
public record EngineVersion(
    List<String> components,
    String version,
    ApiVersion apiVersion,
    ApiVersion minApiVersion,
    String os,
    String arch,
    String kernelVersion) {

  /** The first component's name berthd reports, so a client can tell berthd from dockerd. */
  public static final String BERTHD = "berthd";

  public EngineVersion {
    components = List.copyOf(components);
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(minApiVersion, "minApiVersion");
  }

  /** Whether the engine that answered is berthd rather than dockerd or another engine. */
  public boolean isBerthd() {
    return !components.isEmpty() && components.get(0).equals(BERTHD);
  }

  /** Reads the wire shape; throws {@link IllegalArgumentException} if versions are malformed. */
  public static EngineVersion from(VersionTemplate template) {
    List<String> names =
        template.components() == null
            ? List.of()
            : template.components().stream().map(VersionTemplate.Component::name).toList();
    return new EngineVersion(
        names,
        Objects.requireNonNullElse(template.version(), ""),
        ApiVersion.parse(Objects.requireNonNullElse(template.apiVersion(), "")),
        ApiVersion.parse(
            Objects.requireNonNullElse(template.minApiVersion(), template.apiVersion())),
        Objects.requireNonNullElse(template.os(), ""),
        Objects.requireNonNullElse(template.arch(), ""),
        Objects.requireNonNullElse(template.kernelVersion(), ""));
  }
}
