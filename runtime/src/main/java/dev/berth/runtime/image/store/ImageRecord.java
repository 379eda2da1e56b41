package dev.berth.runtime.image.store;

import dev.berth.runtime.image.Digest;
import java.time.Instant;
import java.util.List;

/**
 * One image in the store, identified like Docker by its config digest.
 *
 * @param manifest the single-platform manifest's digest (a blob in the store)
 * @param repoTags full references with a tag, e.g. {@code docker.io/library/redis:7}
 * @param repoDigests {@code name@digest} of what was pulled (the index digest for multi-arch)
 * @param size the compressed size of config and layers
 */
public record ImageRecord(
    Digest id,
    Digest manifest,
    List<String> repoTags,
    List<String> repoDigests,
    long size,
    Instant added) {
  public ImageRecord {
    repoTags = List.copyOf(repoTags);
    repoDigests = List.copyOf(repoDigests);
  }
}
