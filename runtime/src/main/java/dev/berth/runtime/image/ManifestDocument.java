package dev.berth.runtime.image;

/**
 * What a registry answers for a manifest reference: a single manifest or a multi-platform index.
 */
public sealed interface ManifestDocument permits Manifest, ImageIndex {
  /** The document's media type. */
  String mediaType();
}
