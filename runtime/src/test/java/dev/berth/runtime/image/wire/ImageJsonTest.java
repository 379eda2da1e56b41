package dev.berth.runtime.image.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.image.ImageConfig;
import dev.berth.runtime.image.ImageIndex;
import dev.berth.runtime.image.InvalidImageDataException;
import dev.berth.runtime.image.Manifest;
import dev.berth.runtime.image.MediaTypes;
import dev.berth.runtime.image.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Manifest, index and config JSON into records and back. */
class ImageJsonTest {
  @Test
  void parseManifest_multiarchIndex_selectsAmd64AndSkipsAttestations() throws Exception {
    ImageIndex index = (ImageIndex) ImageJson.parseManifest(fixture("index_multiarch.json"), null);

    assertThat(index.manifests()).hasSize(4);
    assertThat(index.select(Platform.parse("linux/amd64")).orElseThrow().digest().hex())
        .startsWith("ccc");
    assertThat(index.select(Platform.parse("linux/arm64")).orElseThrow().digest().hex())
        .startsWith("bbb");
    assertThat(index.select(Platform.parse("linux/arm/v7")).orElseThrow().digest().hex())
        .startsWith("aaa");
    assertThat(index.select(Platform.parse("linux/s390x"))).isEmpty();
  }

  @Test
  void parseManifest_dockerSchema2_keepsForeignLayerUrls() throws Exception {
    Manifest m =
        (Manifest) ImageJson.parseManifest(fixture("manifest_docker_foreign_layer.json"), null);

    assertThat(m.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    assertThat(m.config().size()).isEqualTo(1234);
    assertThat(m.layers()).hasSize(2);
    assertThat(MediaTypes.isForeign(m.layers().get(0).mediaType())).isTrue();
    assertThat(m.layers().get(0).urls()).containsExactly("https://example.invalid/base.tar.gz");
    assertThat(MediaTypes.isForeign(m.layers().get(1).mediaType())).isFalse();
  }

  @Test
  void parseManifest_withoutMediaType_usesContentTypeOrShape() throws Exception {
    byte[] json = fixture("manifest_oci_without_mediatype.json");

    assertThat(ImageJson.parseManifest(json, null).mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(
            ImageJson.parseManifest(json, MediaTypes.DOCKER_MANIFEST + "; charset=utf-8")
                .mediaType())
        .isEqualTo(MediaTypes.DOCKER_MANIFEST);
  }

  @Test
  void write_thenParse_givesTheSameManifest() throws Exception {
    Manifest m =
        (Manifest) ImageJson.parseManifest(fixture("manifest_docker_foreign_layer.json"), null);

    assertThat(ImageJson.parseManifest(ImageJson.write(m), null)).isEqualTo(m);
  }

  @Test
  void parseConfig_readsEverythingTheContainerLayerNeeds() throws Exception {
    ImageConfig c = ImageJson.parseConfig(fixture("config_full.json"));

    assertThat(c.platform().toString()).isEqualTo("linux/amd64");
    assertThat(c.user()).isEqualTo("1000:1000");
    assertThat(c.env()).containsExactly("PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8");
    assertThat(c.entrypoint()).containsExactly("/docker-entrypoint.sh");
    assertThat(c.cmd()).containsExactly("redis-server");
    assertThat(c.workingDir()).isEqualTo("/data");
    assertThat(c.exposedPorts()).containsExactly("6379/tcp");
    assertThat(c.volumes()).containsExactly("/data");
    assertThat(c.healthcheck().test()).containsExactly("CMD-SHELL", "redis-cli ping");
    assertThat(c.healthcheck().interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.healthcheck().retries()).isEqualTo(3);
    assertThat(c.stopSignal()).isEqualTo("SIGTERM");
    assertThat(c.labels()).containsEntry("org.opencontainers.image.title", "redis");
    assertThat(c.diffIds()).hasSize(2);
  }

  @Test
  void parseConfig_minimal_hasEmptyDefaults() throws Exception {
    ImageConfig c = ImageJson.parseConfig(fixture("config_minimal.json"));

    assertThat(c.cmd()).isEmpty();
    assertThat(c.healthcheck()).isNull();
    assertThat(c.workingDir()).isEmpty();
    assertThat(c.diffIds()).isEmpty();
  }

  @Test
  void parseManifest_garbage_isAnInvalidArgumentNamingTheDocument() {
    assertThatThrownBy(
            () -> ImageJson.parseManifest("{not json".getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOf(InvalidImageDataException.class)
        .hasMessageStartingWith("invalid manifest JSON");
  }

  @Test
  void parseManifest_badDigest_quotesIt() {
    byte[] json =
        ("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"x\",\"digest\":\"sha256:nothex\",\"size\":1}}")
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ImageJson.parseManifest(json, null))
        .isInstanceOf(InvalidImageDataException.class)
        .hasMessageContaining("\"sha256:nothex\"");
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = ImageJsonTest.class.getResourceAsStream("/image/" + name)) {
      return in.readAllBytes();
    }
  }
}
