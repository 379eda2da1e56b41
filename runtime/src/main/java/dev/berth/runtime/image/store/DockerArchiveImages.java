package dev.berth.runtime.image.store;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.Manifest;
import dev.berth.runtime.image.MediaTypes;
import dev.berth.runtime.image.wire.ImageJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Images of a legacy docker-archive ({@code docker save} before Docker 25: {@code manifest.json},
 * {@code <id>.json} configs, {@code <dir>/layer.tar} layers), with an OCI manifest synthesized from
 * the files' digests since the archive carries none.
 */
final class DockerArchiveImages {
  private DockerArchiveImages() {}

  static List<ArchivedImage> read(ArchiveDir dir, List<ArchiveManifestEntry> entries)
      throws EngineException, IOException {
    List<ArchivedImage> images = new ArrayList<>();
    for (ArchiveManifestEntry e : entries) {
      Path configFile = dir.resolve(e.config);
      Descriptor config =
          Descriptor.of(MediaTypes.OCI_CONFIG, hash(configFile), Files.size(configFile));
      List<String> paths = e.layers == null ? List.of() : e.layers;
      List<Descriptor> layers = new ArrayList<>();
      for (String layer : paths) {
        Path file = dir.resolve(layer);
        layers.add(Descriptor.of(layerType(file), hash(file), Files.size(file)));
      }
      List<ImageReference> names = new ArrayList<>();
      for (String tag : e.repoTags == null ? List.<String>of() : e.repoTags) {
        names.add(ImageReference.parse(tag));
      }
      images.add(
          new ArchivedImage(
              ImageJson.write(new Manifest(MediaTypes.OCI_MANIFEST, config, layers)),
              names,
              null,
              d ->
                  d.digest().equals(config.digest())
                      ? configFile
                      : dir.resolve(paths.get(layers.indexOf(d)))));
    }
    return images;
  }

  private static Digest hash(Path file) throws IOException {
    MessageDigest sha = Digest.newSha256();
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[256 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
    }
    return Digest.fromHash("sha256", sha.digest());
  }

  private static String layerType(Path file) throws IOException {
    byte[] magic = new byte[4];
    try (InputStream in = Files.newInputStream(file)) {
      int n = in.readNBytes(magic, 0, 4);
      if (n >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
        return MediaTypes.OCI_LAYER_GZIP;
      }
      if (n == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5) {
        return MediaTypes.OCI_LAYER_ZSTD;
      }
    }
    return MediaTypes.OCI_LAYER;
  }
}
