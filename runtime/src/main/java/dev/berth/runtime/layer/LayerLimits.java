package dev.berth.runtime.layer;

/**
 * Bounds that stop decompression bombs: total uncompressed bytes and number of entries per layer.
 */
public record LayerLimits(long maxUncompressedBytes, long maxEntries) {
  /** 64 GiB and 4 million entries: far above real images, far below a full disk. */
  public static final LayerLimits DEFAULT = new LayerLimits(64L << 30, 4_000_000);

  public LayerLimits {
    if (maxUncompressedBytes <= 0 || maxEntries <= 0) {
      throw new IllegalArgumentException("layer limits must be positive");
    }
  }
}
