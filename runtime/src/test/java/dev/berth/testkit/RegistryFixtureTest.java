package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RegistryFixtureTest {

  @Test
  void start_servesTheV2ApiOnALoopbackPort() {
    try (RegistryFixture registry = RegistryFixture.start()) {
      assertThat(registry.host()).matches("127\\.0\\.0\\.1:\\d+");
      assertThat(registry.get("/v2/").statusCode()).isEqualTo(200);
      assertThat(registry.reference("busybox:latest"))
          .isEqualTo(registry.host() + "/busybox:latest");
    }
  }

  @Test
  void close_stopsTheRegistryAndDeletesItsStorage() {
    RegistryFixture registry = RegistryFixture.start();
    Path storage = registry.log().getParent();
    registry.close();

    assertThat(Files.exists(storage)).isFalse();
    assertThat(registry.isRunning()).isFalse();
    assertThatThrownBy(() -> registry.get("/v2/")).isInstanceOf(UncheckedIOException.class);
  }

  @Test
  void twoRegistries_runSideBySideOnDifferentPorts() {
    try (RegistryFixture first = RegistryFixture.start();
        RegistryFixture second = RegistryFixture.start()) {
      assertThat(first.host()).isNotEqualTo(second.host());
      assertThat(second.get("/v2/").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void shared_returnsTheSameRunningRegistryEveryTime_andSurvivesClose() {
    assertThat(RegistryFixture.shared()).isSameAs(RegistryFixture.shared());

    RegistryFixture.shared().close();

    assertThat(RegistryFixture.shared().get("/v2/").statusCode()).isEqualTo(200);
  }
}
