package dev.berth.runtime.layer;

import dev.berth.runtime.image.Digest;
import java.nio.file.Path;

/**
 * A layer on disk: its uncompressed digest (diff ID), uncompressed tar size and directory.
 *
 * @param dir the directory to use as an overlayfs lower dir
 */
public record UnpackedLayer(Digest diffId, long size, Path dir) {}
