package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitExtension.class)
class TestKitExtensionTest {

  @Test
  void parameters_areTheSharedFixturesWithTheStandardImagesPushed(
      RegistryFixture registry, StandardImages images, DockerdFixture docker) {
    assertThat(registry).isSameAs(RegistryFixture.shared());
    assertThat(docker).isSameAs(DockerdFixture.shared());
    assertThat(images.busybox().reference()).isEqualTo(registry.reference("busybox:latest"));
    assertThat(images.layered().layerCount()).isEqualTo(3);
    String manifest = "/v2/layered/manifests/" + images.layered().manifestDigest();
    assertThat(registry.get(manifest, OciLayoutWriter.MANIFEST_MEDIA_TYPE).statusCode())
        .isEqualTo(200);
    // distribution v2.8 hides an OCI manifest from clients that do not accept its media type
    assertThat(registry.get(manifest).statusCode()).isEqualTo(404);
  }
}
