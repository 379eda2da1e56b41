package dev.berth.runtime.image.store;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageIndex;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Manifest;
import dev.berth.runtime.image.MediaTypes;
import dev.berth.runtime.image.wire.ImageJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code docker save}: writes images as one tarball that is both an OCI image layout ({@code
 * oci-layout}, {@code index.json}, {@code blobs/}) and a docker-archive ({@code manifest.json}), as
 * Docker 25 does. Blobs are written as stored, so every digest survives a round trip.
 */
public final class ImageSaver {
  private static final String CONTAINERD_NAME = "io.containerd.image.name";
  private static final String REF_NAME = "org.opencontainers.image.ref.name";

  private final ImageStore store;

  public ImageSaver(ImageStore store) {
    this.store = store;
  }

  /** Saves the named images ({@code busybox:latest}, IDs...) into {@code out}. */
  public void save(List<String> names, OutputStream out) throws EngineException {
    List<Descriptor> indexEntries = new ArrayList<>();
    List<ArchiveManifestEntry> archiveEntries = new ArrayList<>();
    TreeSet<Digest> blobs = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
    for (String name : names) {
      ImageRecord image = store.get(name);
      Manifest manifest = store.manifest(image);
      blobs.add(image.manifest());
      blobs.add(image.id());
      manifest.layers().forEach(l -> blobs.add(l.digest()));
      List<String> tags = tagsFor(name, image);
      ArchiveManifestEntry entry = new ArchiveManifestEntry();
      entry.config = blobPath(image.id());
      entry.repoTags = new ArrayList<>();
      entry.layers = manifest.layers().stream().map(l -> blobPath(l.digest())).toList();
      for (String tag : tags) {
        ImageReference ref = ImageReference.parse(tag);
        entry.repoTags.add(ref.familiar());
        indexEntries.add(
            manifestDescriptor(
                image, manifest, Map.of(CONTAINERD_NAME, ref.toString(), REF_NAME, ref.tag())));
      }
      if (tags.isEmpty()) {
        indexEntries.add(manifestDescriptor(image, manifest, Map.of()));
      }
      archiveEntries.add(entry);
    }
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      directory(tar, "blobs/");
      directory(tar, "blobs/sha256/");
      for (Digest d : blobs) {
        try (InputStream in = store.blobs().open(d)) {
          file(tar, blobPath(d), store.blobs().size(d), in);
        }
      }
      bytes(tar, "index.json", ImageJson.write(new ImageIndex(MediaTypes.OCI_INDEX, indexEntries)));
      bytes(tar, "manifest.json", ImageJson.bytes(archiveEntries));
      bytes(
          tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
      tar.finish();
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, "save " + names + ": " + e.getMessage(), e);
    }
  }

  private static List<String> tagsFor(String name, ImageRecord image) {
    try {
      ImageReference ref = ImageReference.parse(name);
      String tagged = ref.tag() != null ? ref.withTag(ref.tag()).toString() : null;
      if (tagged != null && image.repoTags().contains(tagged)) {
        return List.of(tagged); // saved by one of its names: keep just that one, like Docker
      }
    } catch (EngineException notAReference) {
      // an ID: keep every tag
    }
    return image.repoTags();
  }

  private Descriptor manifestDescriptor(
      ImageRecord image, Manifest manifest, Map<String, String> annotations)
      throws EngineException {
    return new Descriptor(
        manifest.mediaType(),
        image.manifest(),
        store.blobs().size(image.manifest()),
        List.of(),
        null,
        new LinkedHashMap<>(annotations));
  }

  static String blobPath(Digest d) {
    return "blobs/" + d.algorithm() + "/" + d.hex();
  }

  private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setModTime(new Date(0));
    e.setMode(040755);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }

  private static void bytes(TarArchiveOutputStream tar, String name, byte[] content)
      throws IOException {
    file(tar, name, content.length, new java.io.ByteArrayInputStream(content));
  }

  private static void file(TarArchiveOutputStream tar, String name, long size, InputStream in)
      throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(size);
    e.setMode(0100644);
    e.setModTime(new Date(0));
    tar.putArchiveEntry(e);
    in.transferTo(tar);
    tar.closeArchiveEntry();
  }
}
