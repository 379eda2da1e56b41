package dev.berth.runtime.image.store;

import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageConfig;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Manifest;
import java.util.List;

/**
 * What a pull or load produced.
 *
 * @param names every name the image was recorded under (a load may give several, or none)
 * @param repoDigest the digest the registry knows the image by (index digest for multi-arch)
 */
public record PulledImage(
    ImageReference reference,
    Digest id,
    Digest repoDigest,
    Digest manifestDigest,
    Manifest manifest,
    ImageConfig config,
    List<ImageReference> names) {
  public PulledImage {
    names = List.copyOf(names);
  }

  /** An image known by {@code reference} alone (or by no name when it is null). */
  public PulledImage(
      ImageReference reference,
      Digest id,
      Digest repoDigest,
      Digest manifestDigest,
      Manifest manifest,
      ImageConfig config) {
    this(
        reference,
        id,
        repoDigest,
        manifestDigest,
        manifest,
        config,
        reference == null ? List.of() : List.of(reference));
  }
}
