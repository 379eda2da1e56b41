package dev.berth.runtime.image.store;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageReference;
import java.nio.file.Path;
import java.util.List;

/**
 * One image found in an archive, ready to import: its manifest bytes, names, the index digest it
 * was listed under (or null), and where the archive keeps each of its blobs.
 */
record ArchivedImage(
    byte[] manifest, List<ImageReference> names, Digest repoDigest, BlobSource blobs) {
  ArchivedImage {
    names = List.copyOf(names);
  }

  /** Where an archive keeps a blob. */
  @FunctionalInterface
  interface BlobSource {
    Path file(Descriptor d) throws EngineException;
  }
}
