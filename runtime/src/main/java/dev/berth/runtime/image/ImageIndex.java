package dev.berth.runtime.image;

import java.util.List;
import java.util.Optional;

/** A multi-platform index (OCI image index or Docker manifest list). */
public record ImageIndex(String mediaType, List<Descriptor> manifests) implements ManifestDocument {
  public ImageIndex {
    manifests = List.copyOf(manifests);
  }

  /**
   * The manifest for {@code wanted}; among several matches, the one whose variant matches exactly,
   * else the first, as containerd's platform matcher does.
   */
  public Optional<Descriptor> select(Platform wanted) {
    Optional<Descriptor> exact =
        manifests.stream()
            .filter(d -> d.platform() != null && wanted.accepts(d.platform()))
            .filter(
                d ->
                    Platform.normalize(
                            d.platform().os(), d.platform().architecture(), d.platform().variant())
                        .equals(wanted))
            .findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    return manifests.stream()
        .filter(d -> d.platform() != null && wanted.accepts(d.platform()))
        .findFirst();
  }
}
