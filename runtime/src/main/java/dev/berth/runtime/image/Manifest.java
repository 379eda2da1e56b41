package dev.berth.runtime.image;

import java.util.List;
import java.util.Objects;

/** A single-platform image manifest (Docker schema2 or OCI): a config and ordered layers. */
public record Manifest(String mediaType, Descriptor config, List<Descriptor> layers)
    implements ManifestDocument {
  public Manifest {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
  }
}
