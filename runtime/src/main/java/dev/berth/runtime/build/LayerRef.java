package dev.berth.runtime.build;

import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.Digest;

/** One layer of an image being built: its diff ID and its blob in the store. */
public record LayerRef(Digest diffId, Descriptor blob) {}
