package dev.berth.runtime.image.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A descriptor as JSON: {@code {"mediaType":..., "digest":"sha256:...", "size":123}}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class DescriptorTemplate {
  public String mediaType;
  public String digest;
  public long size;
  public List<String> urls;
  public PlatformTemplate platform;
  public Map<String, String> annotations;

  /** An index entry's platform. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class PlatformTemplate {
    public String os;
    public String architecture;
    public String variant;

    @com.fasterxml.jackson.annotation.JsonProperty("os.version")
    public String osVersion;
  }
}
