package dev.berth.runtime.image.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.image.Descriptor;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.image.MediaTypes;
import dev.berth.runtime.image.Platform;
import dev.berth.runtime.layer.LayerLimits;
import dev.berth.runtime.layer.LinuxSpecialFiles;
import dev.berth.runtime.registry.LocalRegistry;
import dev.berth.runtime.registry.RegistryClient;
import dev.berth.runtime.registry.RegistryConfig;
import dev.berth.testkit.HostCommand;
import dev.berth.testkit.OciLayout;
import dev.berth.testkit.TempDirs;
import dev.berth.testkit.TestImages;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker Hub names served by a configured mirror, and zstd/uncompressed layers, end to end. */
class MirrorAndCompressionTest {
  private static Path dir;
  private static LocalRegistry registry;

  @TempDir Path root;

  @BeforeAll
  static void pushImages() throws Exception {
    dir = TempDirs.create("mirror");
    registry = LocalRegistry.start(Files.createDirectory(dir.resolve("registry")), "");
    OciLayout layout =
        TestImages.build(TestImages.layered(), Files.createDirectory(dir.resolve("layout")));
    copy(layout, "library/busybox:latest");
    copy(recompressWithZstd(layout), "zstd:latest");
  }

  @AfterAll
  static void stop() throws Exception {
    registry.close();
    TempDirs.deleteRecursively(dir);
  }

  @Test
  void dockerHubReference_isPulledFromTheFirstMirrorThatAnswers() throws Exception {
    String deadMirror = "http://127.0.0.1:" + deadPort();
    RegistryConfig config =
        RegistryConfig.defaults().withMirrors(List.of(deadMirror, "http://" + registry.host()));

    PulledImage pulled = pull(config, "busybox");

    assertThat(pulled.reference().toString()).isEqualTo("docker.io/library/busybox:latest");
    assertThat(pulled.manifest().layers()).hasSize(3);
  }

  @Test
  void zstdLayers_areUnpackedLikeGzipOnes() throws Exception {
    PulledImage pulled = pull(RegistryConfig.defaults(), registry.host() + "/zstd:latest");

    assertThat(pulled.manifest().layers())
        .extracting(Descriptor::mediaType)
        .containsOnly(MediaTypes.OCI_LAYER_ZSTD);
    assertThat(pulled.config().diffIds().get(1).toString())
        .isEqualTo(TestImages.layered().layers().get(1).diffId());
  }

  private PulledImage pull(RegistryConfig config, String reference) throws Exception {
    ImageStore store = ImageStore.open(root, new LinuxSpecialFiles(), LayerLimits.DEFAULT);
    PulledImage pulled =
        new ImagePuller(RegistryClient.create(config, CredentialStore.NONE), store)
            .pull(ImageReference.parse(reference), Platform.host(), PullListener.NONE);
    assertThat(
            Files.readString(
                store.layerDirs(store.get(reference)).get(1).resolve("data/hello.txt")))
        .isEqualTo("hello from layer 2\n");
    return pulled;
  }

  /** The same image with every layer gzip-decompressed and zstd-compressed (same diff IDs). */
  private static OciLayout recompressWithZstd(OciLayout layout) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    Path blobs = layout.dir().resolve("blobs/sha256");
    com.fasterxml.jackson.databind.node.ObjectNode manifest =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree(blobs.resolve(layout.manifestDigest().substring(7)).toFile());
    for (com.fasterxml.jackson.databind.JsonNode node : manifest.get("layers")) {
      com.fasterxml.jackson.databind.node.ObjectNode layer =
          (com.fasterxml.jackson.databind.node.ObjectNode) node;
      byte[] tar;
      try (var in =
          new java.util.zip.GZIPInputStream(
              Files.newInputStream(blobs.resolve(layer.get("digest").asText().substring(7))))) {
        tar = in.readAllBytes();
      }
      byte[] zstd = com.github.luben.zstd.Zstd.compress(tar);
      String digest = dev.berth.testkit.Digests.sha256(zstd);
      Files.write(blobs.resolve(digest.substring(7)), zstd);
      layer
          .put("mediaType", MediaTypes.OCI_LAYER_ZSTD)
          .put("digest", digest)
          .put("size", zstd.length);
    }
    byte[] bytes = json.writeValueAsBytes(manifest);
    String digest = dev.berth.testkit.Digests.sha256(bytes);
    Files.write(blobs.resolve(digest.substring(7)), bytes);
    com.fasterxml.jackson.databind.node.ObjectNode index =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree(layout.dir().resolve("index.json").toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) index.get("manifests").get(0))
        .put("digest", digest)
        .put("size", bytes.length);
    Files.write(layout.dir().resolve("index.json"), json.writeValueAsBytes(index));
    return layout;
  }

  private static int deadPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort(); // closed again: nothing listens there
    }
  }

  private static void copy(OciLayout layout, String name, String... flags) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of("skopeo", "--insecure-policy", "copy", "--dest-tls-verify=false"));
    command.addAll(List.of(flags));
    command.add(layout.transportReference());
    command.add("docker://" + registry.host() + "/" + name);
    HostCommand.runChecked(command, Duration.ofSeconds(120));
  }
}
