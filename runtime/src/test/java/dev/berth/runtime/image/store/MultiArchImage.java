package dev.berth.runtime.image.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.testkit.Digests;
import dev.berth.testkit.HostCommand;
import dev.berth.testkit.OciLayout;
import dev.berth.testkit.RegistryFixture;
import dev.berth.testkit.TempDirs;
import dev.berth.testkit.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A two-platform index (the kit's busybox as linux/amd64, plus a linux/arm64 entry with its own
 * config over the same layer) written as an OCI layout and pushed with {@code skopeo copy --all}.
 */
final class MultiArchImage {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The digests skopeo pushed. */
  record Pushed(String reference, String indexDigest, String amd64Config, String arm64Config) {}

  private MultiArchImage() {}

  static Pushed push(RegistryFixture registry, String repoAndTag) throws IOException {
    Path dir = TempDirs.create("multiarch");
    try {
      OciLayout amd64 = TestImages.build(TestImages.busybox(), dir);
      ObjectNode config = (ObjectNode) JSON.readTree(blob(dir, amd64.configDigest()));
      config.put("architecture", "arm64");
      byte[] armConfig = JSON.writeValueAsBytes(config);
      ObjectNode manifest = (ObjectNode) JSON.readTree(blob(dir, amd64.manifestDigest()));
      ObjectNode configDescriptor = (ObjectNode) manifest.get("config");
      configDescriptor.put("digest", writeBlob(dir, armConfig));
      configDescriptor.put("size", armConfig.length);
      byte[] armManifest = JSON.writeValueAsBytes(manifest);
      String armManifestDigest = writeBlob(dir, armManifest);

      ObjectNode index = JSON.createObjectNode();
      index.put("schemaVersion", 2);
      index.put("mediaType", "application/vnd.oci.image.index.v1+json");
      ArrayNode manifests = index.putArray("manifests");
      manifests.add(entry(armManifestDigest, armManifest.length, "arm64"));
      byte[] amdManifest = blob(dir, amd64.manifestDigest());
      manifests.add(entry(amd64.manifestDigest(), amdManifest.length, "amd64"));
      byte[] indexBytes = JSON.writeValueAsBytes(index);
      String indexDigest = writeBlob(dir, indexBytes);

      ObjectNode top = JSON.createObjectNode();
      top.put("schemaVersion", 2);
      ObjectNode ref = top.putArray("manifests").addObject();
      ref.put("mediaType", "application/vnd.oci.image.index.v1+json");
      ref.put("digest", indexDigest);
      ref.put("size", indexBytes.length);
      ref.putObject("annotations").put("org.opencontainers.image.ref.name", "multi");
      Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(top));

      String reference = registry.reference(repoAndTag);
      HostCommand.runChecked(
          List.of(
              "skopeo",
              "--insecure-policy",
              "copy",
              "--all",
              "--dest-tls-verify=false",
              "oci:" + dir + ":multi",
              "docker://" + reference),
          Duration.ofSeconds(120));
      return new Pushed(reference, indexDigest, amd64.configDigest(), Digests.sha256(armConfig));
    } finally {
      TempDirs.deleteRecursively(dir);
    }
  }

  private static ObjectNode entry(String digest, int size, String arch) {
    ObjectNode e = JSON.createObjectNode();
    e.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
    e.put("digest", digest);
    e.put("size", size);
    e.putObject("platform").put("architecture", arch).put("os", "linux");
    return e;
  }

  private static byte[] blob(Path dir, String digest) throws IOException {
    return Files.readAllBytes(dir.resolve("blobs/sha256").resolve(Digests.hex(digest)));
  }

  private static String writeBlob(Path dir, byte[] content) throws IOException {
    String digest = Digests.sha256(content);
    Files.write(dir.resolve("blobs/sha256").resolve(Digests.hex(digest)), content);
    return digest;
  }
}
