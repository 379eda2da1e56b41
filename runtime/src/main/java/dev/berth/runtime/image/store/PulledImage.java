package dev.berth.runtime.image.store;

import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageConfig;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Manifest;

/**
 * What a pull or load produced.
 *
 * @param repoDigest the digest the registry knows the image by (index digest for multi-arch)
 */
public record PulledImage(
    ImageReference reference,
    Digest id,
    Digest repoDigest,
    Digest manifestDigest,
    Manifest manifest,
    ImageConfig config) {}
