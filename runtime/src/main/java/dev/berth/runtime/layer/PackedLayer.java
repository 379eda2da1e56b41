package dev.berth.runtime.layer;

import dev.berth.runtime.image.Digest;
import java.nio.file.Path;

/**
 * A layer written by {@link LayerTarWriter}: the gzip blob in {@code file} (owned by the caller,
 * who deletes it), its digest and size, and the diff ID of the uncompressed tar.
 */
public record PackedLayer(Digest diffId, Digest blobDigest, long blobSize, Path file) {}
