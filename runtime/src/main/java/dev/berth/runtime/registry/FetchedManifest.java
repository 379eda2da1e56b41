package dev.berth.runtime.registry;

import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ManifestDocument;

/**
 * A manifest or index as the registry sent it: the exact bytes (whose sha256 is {@code digest}),
 * and the parsed document.
 */
public record FetchedManifest(byte[] bytes, Digest digest, ManifestDocument document) {
  public FetchedManifest {
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
