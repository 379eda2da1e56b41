package dev.berth.runtime.image.store;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageConfig;
import dev.berth.runtime.image.ImageIndex;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Manifest;
import dev.berth.runtime.image.ManifestDocument;
import dev.berth.runtime.image.MediaTypes;
import dev.berth.runtime.image.Platform;
import dev.berth.runtime.image.wire.ImageJson;
import dev.berth.runtime.layer.Decompression;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * {@code docker load}: imports images from a docker-archive (Docker's {@code save} format, legacy
 * or OCI-based) or an OCI image layout, tarred (optionally gzip/zstd) or as a directory. Every blob
 * is verified against its digest and every layer against its diff ID.
 */
public final class ImageLoader {
  private static final String CONTAINERD_NAME = "io.containerd.image.name";
  private static final String REF_NAME = "org.opencontainers.image.ref.name";

  private final ImageStore store;
  private final Path tempRoot;

  /** {@code tempRoot} should be on the store's filesystem; archives are unpacked below it. */
  public ImageLoader(ImageStore store, Path tempRoot) {
    this.store = store;
    this.tempRoot = tempRoot;
  }

  /** Loads every image in a tar stream. */
  public List<PulledImage> load(InputStream archive, Platform platform) throws EngineException {
    try {
      Files.createDirectories(tempRoot);
      try (ArchiveDir dir =
          ArchiveDir.extract(
              Decompression.decompress(archive),
              Files.createDirectory(tempRoot.resolve("load-" + UUID.randomUUID())))) {
        return load(dir, platform);
      }
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "load: cannot read archive: " + e, e);
    }
  }

  /** Loads every image of an OCI image layout directory. */
  public List<PulledImage> loadLayout(Path layout, Platform platform) throws EngineException {
    try (ArchiveDir dir = ArchiveDir.of(layout)) {
      return load(dir, platform);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "load: " + e, e);
    }
  }

  private List<PulledImage> load(ArchiveDir dir, Platform platform)
      throws EngineException, IOException {
    store.writerLock().lock();
    try {
      List<ArchiveManifestEntry> dockerEntries = List.of();
      if (dir.exists("manifest.json")) {
        dockerEntries =
            Arrays.asList(
                ImageJson.read(
                    Files.readAllBytes(dir.resolve("manifest.json")),
                    ArchiveManifestEntry[].class,
                    "manifest.json"));
      }
      if (dir.exists("index.json")) {
        return loadOci(dir, platform, dockerEntries);
      }
      if (!dockerEntries.isEmpty()) {
        List<PulledImage> loaded = new ArrayList<>();
        for (ArchivedImage image : DockerArchiveImages.read(dir, dockerEntries)) {
          loaded.add(importImage(image));
        }
        return loaded;
      }
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "load: neither an OCI layout (index.json) nor a docker-archive (manifest.json)");
    } finally {
      store.writerLock().unlock();
    }
  }

  private List<PulledImage> loadOci(
      ArchiveDir dir, Platform platform, List<ArchiveManifestEntry> dockerEntries)
      throws EngineException, IOException {
    ManifestDocument top =
        ImageJson.parseManifest(
            Files.readAllBytes(dir.resolve("index.json")), MediaTypes.OCI_INDEX);
    if (!(top instanceof ImageIndex index)) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "load: index.json is not an index");
    }
    List<PulledImage> loaded = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      Descriptor manifestDescriptor = d;
      byte[] bytes = blob(dir, d);
      Digest repoDigest = null;
      if (MediaTypes.INDEXES.contains(d.mediaType())) {
        store.blobs().put(d.digest(), bytes);
        ImageIndex nested = (ImageIndex) ImageJson.parseManifest(bytes, d.mediaType());
        manifestDescriptor =
            nested
                .select(platform)
                .orElseThrow(
                    () ->
                        new EngineException(
                            ErrorKind.NOT_FOUND,
                            "load: no image for " + platform + " in " + d.digest()));
        bytes = blob(dir, manifestDescriptor);
        repoDigest = d.digest();
      }
      List<ImageReference> names = names(d, dockerEntries, bytes);
      loaded.add(
          importImage(
              new ArchivedImage(
                  bytes,
                  names,
                  repoDigest,
                  blob -> dir.resolve(ImageSaver.blobPath(blob.digest())))));
    }
    return loaded;
  }

  private PulledImage importImage(ArchivedImage image) throws EngineException, IOException {
    byte[] manifestBytes = image.manifest();
    Digest manifestDigest = Digest.sha256(manifestBytes);
    List<ImageReference> names = image.names();
    Digest repoDigest = image.repoDigest();
    ArchivedImage.BlobSource source = image.blobs();
    if (!(ImageJson.parseManifest(manifestBytes, null) instanceof Manifest manifest)) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "load: " + manifestDigest + " is not an image manifest");
    }
    copy(source, manifest.config());
    ImageConfig config = ImageJson.parseConfig(store.blobs().read(manifest.config().digest()));
    if (config.diffIds().size() != manifest.layers().size()) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "load: manifest " + manifestDigest.shortHex() + " and its config disagree on layers");
    }
    long size = manifest.config().size();
    for (int i = 0; i < manifest.layers().size(); i++) {
      Descriptor layer = manifest.layers().get(i);
      copy(source, layer);
      try (InputStream in = store.blobs().open(layer.digest())) {
        store.layers().unpack(config.diffIds().get(i), in, "layer " + layer.digest().shortHex());
      }
      size += layer.size();
    }
    store.blobs().put(manifestDigest, manifestBytes);
    Digest id = manifest.config().digest();
    if (names.isEmpty()) {
      store.add(null, null, manifestDigest, id, size);
    }
    for (ImageReference name : names) {
      store.add(name, repoDigest, manifestDigest, id, size);
    }
    return new PulledImage(
        names.isEmpty() ? null : names.get(0),
        id,
        repoDigest,
        manifestDigest,
        manifest,
        config,
        names);
  }

  private void copy(ArchivedImage.BlobSource source, Descriptor d)
      throws EngineException, IOException {
    if (store.blobs().contains(d.digest())) {
      return;
    }
    Path file = source.file(d);
    if (!Files.isRegularFile(file)) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "load: blob " + d.digest() + " is missing from the archive");
    }
    try (InputStream in = Files.newInputStream(file)) {
      store.blobs().write(d.digest(), d.size(), in);
    }
  }

  private static byte[] blob(ArchiveDir dir, Descriptor d) throws EngineException, IOException {
    Path file = dir.resolve(ImageSaver.blobPath(d.digest()));
    if (!Files.isRegularFile(file)) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "load: blob " + d.digest() + " is missing from the archive");
    }
    byte[] bytes = Files.readAllBytes(file);
    if (!Digest.sha256(bytes).equals(d.digest())) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "load: blob " + d.digest() + " does not match its digest");
    }
    return bytes;
  }

  private static List<ImageReference> names(
      Descriptor d, List<ArchiveManifestEntry> dockerEntries, byte[] manifest)
      throws EngineException {
    List<ImageReference> names = new ArrayList<>();
    String full = d.annotations().get(CONTAINERD_NAME);
    String ref = d.annotations().get(REF_NAME);
    if (full != null) {
      names.add(ImageReference.parse(full));
    } else if (ref != null && (ref.contains("/") || ref.contains(":"))) {
      names.add(ImageReference.parse(ref));
    }
    if (names.isEmpty()) {
      Manifest m = (Manifest) ImageJson.parseManifest(manifest, null);
      String configPath = ImageSaver.blobPath(m.config().digest());
      for (ArchiveManifestEntry e : dockerEntries) {
        if (configPath.equals(e.config) && e.repoTags != null) {
          for (String tag : e.repoTags) {
            names.add(ImageReference.parse(tag));
          }
        }
      }
    }
    return names;
  }
}
