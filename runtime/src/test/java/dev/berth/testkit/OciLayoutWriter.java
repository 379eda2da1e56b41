package dev.berth.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * Writes a {@link TestImage} as an OCI image layout: {@code oci-layout}, {@code index.json} naming
 * the tag in {@code org.opencontainers.image.ref.name}, and {@code blobs/sha256/*}.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/v1.0.2/image-layout.md">OCI image
 *     layout</a>
 */
public final class OciLayoutWriter {

  public static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
  public static final String CONFIG_MEDIA_TYPE = "application/vnd.oci.image.config.v1+json";
  static final String PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private static final ObjectMapper JSON = new ObjectMapper();

  private OciLayoutWriter() {}

  /** Writes {@code image} into {@code dir} (created if missing) and returns its digests. */
  public static OciLayout write(TestImage image, Path dir) {
    byte[] config = json(config(image));
    byte[] manifest = json(manifest(image, config));
    String manifestDigest = Digests.sha256(manifest);
    try {
      Files.createDirectories(dir.resolve("blobs/sha256"));
      Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
      for (Layer layer : image.layers()) {
        writeBlob(dir, layer.blob());
      }
      writeBlob(dir, config);
      writeBlob(dir, manifest);
      Files.write(dir.resolve("index.json"), json(index(image, manifest)));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the OCI layout of " + image.name() + " in " + dir, e);
    }
    return new OciLayout(
        dir,
        image.tag(),
        manifestDigest,
        Digests.sha256(config),
        image.layers().stream().map(Layer::digest).toList());
  }

  static ObjectNode config(TestImage image) {
    ObjectNode config = JSON.createObjectNode();
    config.put("created", ReproducibleTar.MTIME.toString());
    config.put("architecture", Platform.architecture());
    config.put("os", Platform.os());
    ObjectNode runConfig = config.putObject("config");
    runConfig.putArray("Env").add(PATH);
    ArrayNode cmd = runConfig.putArray("Cmd");
    image.cmd().forEach(cmd::add);
    ObjectNode labels = runConfig.putObject("Labels");
    new TreeMap<>(image.labels()).forEach(labels::put);
    ObjectNode rootfs = config.putObject("rootfs");
    rootfs.put("type", "layers");
    ArrayNode diffIds = rootfs.putArray("diff_ids");
    ArrayNode history = config.putArray("history");
    for (Layer layer : image.layers()) {
      diffIds.add(layer.diffId());
      history
          .addObject()
          .put("created", ReproducibleTar.MTIME.toString())
          .put("created_by", "berth test kit: " + layer.entries().size() + " entries");
    }
    return config;
  }

  private static ObjectNode manifest(TestImage image, byte[] config) {
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("schemaVersion", 2);
    manifest.put("mediaType", MANIFEST_MEDIA_TYPE);
    manifest.set("config", descriptor(CONFIG_MEDIA_TYPE, Digests.sha256(config), config.length));
    ArrayNode layers = manifest.putArray("layers");
    for (Layer layer : image.layers()) {
      layers.add(descriptor(Layer.MEDIA_TYPE, layer.digest(), layer.size()));
    }
    return manifest;
  }

  private static ObjectNode index(TestImage image, byte[] manifest) {
    ObjectNode index = JSON.createObjectNode();
    index.put("schemaVersion", 2);
    ObjectNode descriptor =
        descriptor(MANIFEST_MEDIA_TYPE, Digests.sha256(manifest), manifest.length);
    descriptor.putObject("annotations").put("org.opencontainers.image.ref.name", image.tag());
    index.putArray("manifests").add(descriptor);
    return index;
  }

  private static ObjectNode descriptor(String mediaType, String digest, long size) {
    ObjectNode descriptor = JSON.createObjectNode();
    descriptor.put("mediaType", mediaType);
    descriptor.put("digest", digest);
    descriptor.put("size", size);
    return descriptor;
  }

  private static void writeBlob(Path dir, byte[] blob) throws IOException {
    Files.write(dir.resolve("blobs/sha256").resolve(Digests.hex(Digests.sha256(blob))), blob);
  }

  private static byte[] json(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + node, e);
    }
  }
}
