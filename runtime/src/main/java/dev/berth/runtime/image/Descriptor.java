package dev.berth.runtime.image;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A typed pointer to content: media type, digest and size (OCI image spec, "Descriptors").
 *
 * @param urls where a foreign layer may be fetched from instead of the registry
 * @param platform the platform of a manifest listed in an index, or null
 */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    List<String> urls,
    Platform platform,
    Map<String, String> annotations) {
  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for " + digest);
    }
    urls = urls == null ? List.of() : List.copyOf(urls);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }

  /** A plain descriptor with no URLs, platform or annotations. */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, List.of(), null, Map.of());
  }
}
