package dev.berth.runtime.image.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A manifest or index as JSON; which one is told by {@code mediaType} or by the fields present. See
 * the OCI image spec "Image Manifest" and "Image Index".
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ManifestTemplate {
  public int schemaVersion = 2;
  public String mediaType;
  public DescriptorTemplate config;
  public List<DescriptorTemplate> layers;
  public List<DescriptorTemplate> manifests;
  public Map<String, String> annotations;
}
