package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TestImagesPushTest {

  private static RegistryFixture registry;
  private static StandardImages images;

  @BeforeAll
  static void pushStandardImages() {
    registry = RegistryFixture.start();
    images = TestImages.pushStandard(registry);
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void pushedBusybox_isWhatSkopeoInspectSeesWithTheComputedDigest() {
    JsonNode inspected = Skopeo.inspect(registry.reference("busybox:latest"));
    String raw = Skopeo.inspectRaw(registry.reference("busybox:latest"));

    assertThat(images.busybox().reference()).isEqualTo(registry.reference("busybox:latest"));
    assertThat(inspected.get("Digest").asText()).isEqualTo(images.busybox().manifestDigest());
    assertThat(Digests.sha256(raw.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(images.busybox().manifestDigest());
    assertThat(inspected.get("Layers")).hasSize(1);
    assertThat(inspected.get("Architecture").asText()).isEqualTo(Platform.architecture());
    assertThat(inspected.get("Os").asText()).isEqualTo("linux");
    assertThat(Skopeo.inspect(images.busybox().referenceByDigest()).get("Digest").asText())
        .isEqualTo(images.busybox().manifestDigest());
  }

  @Test
  void pushedLayeredImage_hasItsThreeLayers() {
    JsonNode inspected = Skopeo.inspect(images.layered().reference());

    assertThat(inspected.get("Digest").asText()).isEqualTo(images.layered().manifestDigest());
    assertThat(inspected.get("Layers")).hasSize(3);
  }

  @Test
  void tagsList_namesTheTagThroughTheRegistryApi() {
    var response = registry.get("/v2/busybox/tags/list");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"name\":\"busybox\"").contains("\"latest\"");
  }

  @Test
  void pushAsDockerV2s2_leavesADockerSchema2Manifest() {
    TestImage image =
        new TestImage("busybox-v2s2", "1", TestImages.busybox().layers(), java.util.Map.of());
    PushedImage pushed = TestImages.push(image, registry, ManifestFormat.DOCKER_V2S2);

    String raw = Skopeo.inspectRaw(pushed.reference());
    assertThat(raw).contains("application/vnd.docker.distribution.manifest.v2+json");
    assertThat(Digests.sha256(raw.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(pushed.manifestDigest());
  }

  @Test
  void pushStandard_pushesOncePerRegistry() {
    assertThat(TestImages.pushStandard(registry)).isSameAs(images);
  }
}
