package dev.berth.runtime.image.store;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Manifest;
import dev.berth.runtime.image.MediaTypes;
import dev.berth.runtime.image.wire.ImageJson;
import dev.berth.runtime.layer.PackedLayer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * Adds images made on this host (by the builder) to the store: layer blobs, then config and a
 * Docker schema2 manifest, then tags. While a session is open, garbage collection waits, so layers
 * written but not yet part of an image survive.
 */
public final class ImageCommitter implements AutoCloseable {
  private final ImageStore store;
  private final Lock lock;

  private ImageCommitter(ImageStore store) {
    this.store = store;
    this.lock = store.writerLock();
    lock.lock();
  }

  /** Starts a session that holds off {@link ImageStore#collectGarbage()} until closed. */
  public static ImageCommitter open(ImageStore store) {
    return new ImageCommitter(store);
  }

  /** Stores a packed layer's blob and unpacks it; returns its blob descriptor. */
  public Descriptor addLayer(PackedLayer layer) throws EngineException {
    try {
      if (!store.blobs().contains(layer.blobDigest())) {
        try (InputStream in = Files.newInputStream(layer.file())) {
          store.blobs().write(layer.blobDigest(), layer.blobSize(), in);
        }
      }
      if (!store.layers().contains(layer.diffId())) {
        try (InputStream in = store.blobs().open(layer.blobDigest())) {
          store.layers().unpack(layer.diffId(), in, "built layer " + layer.diffId().shortHex());
        }
      }
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "storing built layer " + layer.diffId() + ": " + e.getMessage(), e);
    }
    return Descriptor.of(MediaTypes.DOCKER_LAYER, layer.blobDigest(), layer.blobSize());
  }

  /** Whether a layer is still whole in the store (blob and unpacked directory). */
  public boolean hasLayer(Digest diffId, Digest blob) {
    return store.blobs().contains(blob) && store.layers().contains(diffId);
  }

  /**
   * Writes {@code config} and a manifest over {@code layers}, and records the image under each of
   * {@code tags} (untagged when empty); returns the image.
   */
  public ImageRecord commit(byte[] config, List<Descriptor> layers, List<ImageReference> tags)
      throws EngineException {
    try {
      Digest id = store.blobs().put(config);
      Manifest manifest =
          new Manifest(
              MediaTypes.DOCKER_MANIFEST,
              Descriptor.of(MediaTypes.DOCKER_CONFIG, id, config.length),
              layers);
      Digest manifestDigest = store.blobs().put(ImageJson.write(manifest));
      long size = config.length + layers.stream().mapToLong(Descriptor::size).sum();
      List<ImageReference> names = new ArrayList<>(tags);
      if (names.isEmpty()) {
        names.add(null);
      }
      ImageRecord record = null;
      for (ImageReference name : names) {
        record = store.add(name, null, manifestDigest, id, size);
      }
      return record;
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "storing built image: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    lock.unlock();
  }
}
