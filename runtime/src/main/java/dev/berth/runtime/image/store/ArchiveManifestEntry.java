package dev.berth.runtime.image.store;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One element of a docker-archive's {@code manifest.json}: {@code [{"Config":"<path>",
 * "RepoTags":["busybox:latest"],"Layers":["<path>", ...]}]}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
final class ArchiveManifestEntry {
  @JsonProperty("Config")
  public String config;

  @JsonProperty("RepoTags")
  public List<String> repoTags;

  @JsonProperty("Layers")
  public List<String> layers;
}
