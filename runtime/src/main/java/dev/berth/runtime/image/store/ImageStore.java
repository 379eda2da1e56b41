package dev.berth.runtime.image.store;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.content.BlobStore;
import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageConfig;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.InvalidImageDataException;
import dev.berth.runtime.image.Manifest;
import dev.berth.runtime.image.ManifestDocument;
import dev.berth.runtime.image.wire.ImageJson;
import dev.berth.runtime.layer.LayerLimits;
import dev.berth.runtime.layer.LayerStore;
import dev.berth.runtime.layer.LayerUnpacker;
import dev.berth.runtime.layer.SpecialFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The images on this host under {@code <root>}: blobs in {@code content/}, unpacked layers in
 * {@code layers/}, and {@code images.json} indexing images by ID, tag and repo digest. Blobs and
 * layers are shared; removing an image deletes only what no remaining image references.
 */
public final class ImageStore {
  private final Path indexFile;
  private final BlobStore blobs;
  private final LayerStore layers;
  private final Map<Digest, ImageRecord> images = new LinkedHashMap<>();
  private final ReadWriteLock gcLock = new ReentrantReadWriteLock();

  private ImageStore(Path root, BlobStore blobs, LayerStore layers) {
    this.indexFile = root.resolve("images.json");
    this.blobs = blobs;
    this.layers = layers;
  }

  /** Opens (creating) the store under {@code root}. */
  public static ImageStore open(Path root, SpecialFiles special, LayerLimits limits)
      throws IOException, EngineException {
    Files.createDirectories(root);
    ImageStore store =
        new ImageStore(
            root,
            BlobStore.open(root.resolve("content")),
            LayerStore.open(root.resolve("layers"), new LayerUnpacker(special, limits)));
    store.load();
    return store;
  }

  public BlobStore blobs() {
    return blobs;
  }

  public LayerStore layers() {
    return layers;
  }

  /**
   * Held (shared) while adding content, so {@link #prune()} and {@link #remove} cannot collect
   * blobs an unfinished pull has written but not yet recorded.
   */
  java.util.concurrent.locks.Lock writerLock() {
    return gcLock.readLock();
  }

  /** Records an image, moving {@code reference}'s tag to it from any other image. */
  public synchronized ImageRecord add(
      ImageReference reference, Digest repoDigest, Digest manifest, Digest id, long size)
      throws EngineException {
    List<String> tags = new ArrayList<>();
    List<String> digests = new ArrayList<>();
    ImageRecord old = images.get(id);
    if (old != null) {
      tags.addAll(old.repoTags());
      digests.addAll(old.repoDigests());
    }
    if (reference != null && reference.tag() != null) {
      String tag = reference.withTag(reference.tag()).toString();
      untagEverywhere(tag);
      if (!tags.contains(tag)) {
        tags.add(tag);
      }
    }
    if (reference != null && repoDigest != null) {
      String rd = reference.name() + "@" + repoDigest;
      if (!digests.contains(rd)) {
        digests.add(rd);
      }
    }
    ImageRecord record =
        new ImageRecord(
            id, manifest, tags, digests, size, old != null ? old.added() : Instant.now());
    images.put(id, record);
    save();
    return record;
  }

  /**
   * Finds an image by reference ({@code redis:7}, {@code x@sha256:...}), by full ID ({@code
   * sha256:...}) or by an ID prefix of at least 4 hex characters, as Docker does.
   */
  public synchronized Optional<ImageRecord> find(String text) {
    Optional<ImageRecord> byName = findByReference(text);
    if (byName.isPresent()) {
      return byName; // a name wins over an ID prefix that happens to read the same, as in Docker
    }
    String hex = text.startsWith("sha256:") ? text.substring(7) : text;
    if (hex.matches("[a-f0-9]{4,64}")) {
      List<ImageRecord> byId =
          images.values().stream().filter(r -> r.id().hex().startsWith(hex)).toList();
      if (byId.size() == 1) {
        return Optional.of(byId.get(0));
      }
    }
    return Optional.empty();
  }

  private Optional<ImageRecord> findByReference(String text) {
    ImageReference ref;
    try {
      ref = ImageReference.parse(text);
    } catch (InvalidImageDataException e) {
      return Optional.empty();
    }
    String wanted =
        ref.digest() != null ? ref.name() + "@" + ref.digest() : ref.withTag(ref.tag()).toString();
    return images.values().stream()
        .filter(r -> r.repoTags().contains(wanted) || r.repoDigests().contains(wanted))
        .findFirst();
  }

  /** Like {@link #find} but failing with NOT_FOUND. */
  public ImageRecord get(String text) throws EngineException {
    return find(text)
        .orElseThrow(() -> new EngineException(ErrorKind.NOT_FOUND, "no such image: " + text));
  }

  public synchronized List<ImageRecord> list() {
    return List.copyOf(images.values());
  }

  /** Adds a tag to an existing image ({@code docker tag}). */
  public synchronized ImageRecord tag(String source, ImageReference target) throws EngineException {
    ImageRecord image = get(source);
    return add(target, null, image.manifest(), image.id(), image.size());
  }

  /**
   * Removes one tag but keeps the image even when it was its last ({@code rmi -f} of an image a
   * container uses: the image stays, dangling).
   */
  public synchronized void untag(ImageReference tag) throws EngineException {
    untagEverywhere(tag.withTag(tag.tag()).toString());
    save();
  }

  /** The image's single-platform manifest. */
  public Manifest manifest(ImageRecord image) throws EngineException {
    ManifestDocument doc = ImageJson.parseManifest(blobs.read(image.manifest()), null);
    if (!(doc instanceof Manifest m)) {
      throw new EngineException(
          ErrorKind.INTERNAL, "image " + image.id() + " records an index as its manifest");
    }
    return m;
  }

  /** The image's config (Env, Cmd, Entrypoint, ...). */
  public ImageConfig config(ImageRecord image) throws EngineException {
    return ImageJson.parseConfig(blobs.read(image.id()));
  }

  /** Everything known about one image, for {@code docker image inspect}. */
  public ImageDetails inspect(String name) throws EngineException {
    ImageRecord image = get(name);
    return new ImageDetails(image, manifest(image), config(image), layerDirs(image));
  }

  /** Layer directories for overlayfs, bottom layer first. */
  public List<Path> layerDirs(ImageRecord image) throws EngineException {
    List<Path> dirs = new ArrayList<>();
    for (Digest diffId : config(image).diffIds()) {
      if (!layers.contains(diffId)) {
        throw new EngineException(
            ErrorKind.INTERNAL, "layer " + diffId + " of image " + image.id() + " is missing");
      }
      dirs.add(layers.dir(diffId));
    }
    return dirs;
  }

  /**
   * Removes a tag, or the whole image when named by ID or when its last tag goes; an image with
   * several tags named by ID needs {@code force}. Returns the IDs of images deleted.
   */
  public List<Digest> remove(String text, boolean force) throws EngineException {
    List<Digest> deleted = new ArrayList<>();
    synchronized (this) {
      ImageRecord image = get(text);
      boolean byId = findByReference(text).isEmpty();
      List<String> tags = new ArrayList<>(image.repoTags());
      if (!byId) {
        ImageReference ref = ImageReference.parse(text);
        if (ref.tag() != null) {
          tags.remove(ref.withTag(ref.tag()).toString());
        }
      } else if (tags.size() > 1 && !force) {
        throw new EngineException(
            ErrorKind.CONFLICT,
            "image "
                + image.id().shortHex()
                + " is referenced by "
                + tags.size()
                + " tags; remove them one by one or force");
      } else {
        tags.clear();
      }
      if (tags.isEmpty()) {
        images.remove(image.id());
        deleted.add(image.id());
      } else {
        images.put(
            image.id(),
            new ImageRecord(
                image.id(),
                image.manifest(),
                tags,
                image.repoDigests(),
                image.size(),
                image.added()));
      }
      save();
    }
    collectGarbage();
    return deleted;
  }

  /** Removes images without tags, then content no image needs; returns the IDs removed. */
  public List<Digest> prune() throws EngineException {
    List<Digest> deleted = new ArrayList<>();
    synchronized (this) {
      for (ImageRecord r : List.copyOf(images.values())) {
        if (r.repoTags().isEmpty()) {
          images.remove(r.id());
          deleted.add(r.id());
        }
      }
      save();
    }
    collectGarbage();
    return deleted;
  }

  /** Deletes blobs and layers that no recorded image references (mark and sweep). */
  public void collectGarbage() throws EngineException {
    gcLock.writeLock().lock();
    try {
      Set<Digest> keepBlobs = new HashSet<>();
      Set<Digest> keepLayers = new HashSet<>();
      for (ImageRecord image : list()) {
        keepBlobs.add(image.manifest());
        keepBlobs.add(image.id());
        for (String rd : image.repoDigests()) {
          keepBlobs.add(Digest.parse(rd.substring(rd.indexOf('@') + 1)));
        }
        for (Descriptor layer : manifest(image).layers()) {
          keepBlobs.add(layer.digest());
        }
        keepLayers.addAll(config(image).diffIds());
      }
      for (Digest d : blobs.list()) {
        if (!keepBlobs.contains(d)) {
          blobs.delete(d);
        }
      }
      for (Digest d : layers.list()) {
        if (!keepLayers.contains(d)) {
          layers.delete(d);
        }
      }
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "cannot collect unused image content: " + e, e);
    } finally {
      gcLock.writeLock().unlock();
    }
  }

  private void untagEverywhere(String tag) {
    for (ImageRecord r : List.copyOf(images.values())) {
      if (r.repoTags().contains(tag)) {
        List<String> tags = new ArrayList<>(r.repoTags());
        tags.remove(tag);
        images.put(
            r.id(),
            new ImageRecord(r.id(), r.manifest(), tags, r.repoDigests(), r.size(), r.added()));
      }
    }
  }

  private void load() throws IOException, EngineException {
    images.putAll(ImageIndexFile.read(indexFile));
  }

  private void save() throws EngineException {
    ImageIndexFile.write(indexFile, images.values());
  }
}
