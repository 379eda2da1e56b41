package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestImagesTest {

  @TempDir Path temp;

  @Test
  void build_twice_givesTheSameManifestDigest() {
    OciLayout first = TestImages.build(TestImages.layered(), temp.resolve("first"));
    OciLayout second = TestImages.build(TestImages.layered(), temp.resolve("second"));

    assertThat(second.manifestDigest()).isEqualTo(first.manifestDigest());
    assertThat(second.layerDigests()).isEqualTo(first.layerDigests());
  }

  @Test
  void build_writesAnOciLayoutWhoseBlobsMatchTheirDigests() throws IOException {
    OciLayout layout = TestImages.build(TestImages.busybox(), temp);

    assertThat(temp.resolve("oci-layout")).content().contains("\"imageLayoutVersion\":\"1.0.0\"");
    JsonNode index = Json.read(Files.readAllBytes(temp.resolve("index.json")));
    JsonNode descriptor = index.get("manifests").get(0);
    assertThat(descriptor.get("digest").asText()).isEqualTo(layout.manifestDigest());
    assertThat(descriptor.at("/annotations/org.opencontainers.image.ref.name").asText())
        .isEqualTo("latest");
    try (var blobs = Files.list(temp.resolve("blobs/sha256"))) {
      for (Path blob : blobs.toList()) {
        assertThat(Digests.sha256(Files.readAllBytes(blob)))
            .isEqualTo("sha256:" + blob.getFileName());
      }
    }
  }

  @Test
  void config_namesTheHostPlatformTheDiffIdsAndShAsCommand() throws IOException {
    OciLayout layout = TestImages.build(TestImages.layered(), temp);

    JsonNode config = Json.read(blob(layout.configDigest()));
    assertThat(config.get("architecture").asText())
        .isEqualTo(System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64");
    assertThat(config.get("os").asText()).isEqualTo("linux");
    assertThat(config.at("/config/Cmd/0").asText()).isEqualTo("sh");
    assertThat(config.at("/config/Env/0").asText()).startsWith("PATH=");
    assertThat(config.at("/config/Labels/dev.berth.test.image").asText()).isEqualTo("layered");
    List<String> diffIds = new ArrayList<>();
    for (String digest : layout.layerDigests()) {
      diffIds.add(Digests.sha256(gunzip(blob(digest))));
    }
    assertThat(Json.texts(config.at("/rootfs/diff_ids"))).isEqualTo(diffIds);
  }

  @Test
  void rootfsLayer_holdsBusyboxAnAppletLinkEachAndTheEtcFiles() throws IOException {
    Map<String, TarArchiveEntry> entries = tarEntries(TestImages.busybox().layers().get(0));

    assertThat(entries.get("bin/busybox").getMode() & 07777).isEqualTo(0755);
    assertThat(entries.get("bin/sh").getLinkName()).isEqualTo("busybox");
    assertThat(entries.get("usr/bin/wget").getLinkName()).isEqualTo("../../bin/busybox");
    assertThat(entries).containsKeys("bin/true", "etc/passwd", "etc/group");
    assertThat(entries.get("tmp/").getMode() & 07777).isEqualTo(01777);
    assertThat(entries.values())
        .allSatisfy(
            entry -> {
              assertThat(entry.getLongUserId()).isZero();
              assertThat(entry.getLongGroupId()).isZero();
              assertThat(entry.getLastModifiedTime().toInstant()).isEqualTo(ReproducibleTar.MTIME);
            });
    assertThat(List.copyOf(entries.keySet())).isSorted();
  }

  @Test
  void layeredImage_hasAHardlinkThenAWhiteoutAndAnOpaqueDirectory() throws IOException {
    List<Layer> layers = TestImages.layered().layers();
    Map<String, TarArchiveEntry> additions = tarEntries(layers.get(1));
    Map<String, TarArchiveEntry> deletions = tarEntries(layers.get(2));

    assertThat(layers).hasSize(3);
    assertThat(additions.get("data/linked-hello.txt").isLink()).isTrue();
    assertThat(additions.get("data/linked-hello.txt").getLinkName()).isEqualTo("data/hello.txt");
    assertThat(additions).containsKeys("data/nested/deeper/", "data/nested/deeper/file.txt");
    assertThat(deletions).containsKeys("data/.wh.doomed.txt", "data/replaced/.wh..wh..opq");
  }

  private byte[] blob(String digest) throws IOException {
    return Files.readAllBytes(temp.resolve("blobs/sha256").resolve(Digests.hex(digest)));
  }

  private static byte[] gunzip(byte[] gzip) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    }
  }

  private static Map<String, TarArchiveEntry> tarEntries(Layer layer) throws IOException {
    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new ByteArrayInputStream(gunzip(layer.blob())))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        entries.put(entry.getName(), entry);
      }
    }
    return entries;
  }

  /** Tiny Jackson helpers for the assertions above. */
  private static final class Json {
    static JsonNode read(byte[] json) throws IOException {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    }

    static List<String> texts(JsonNode array) {
      List<String> texts = new ArrayList<>();
      array.forEach(node -> texts.add(node.asText()));
      return texts;
    }
  }
}
