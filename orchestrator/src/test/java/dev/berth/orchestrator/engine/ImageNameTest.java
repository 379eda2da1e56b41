package dev.berth.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which registry a reference names, as Docker reads it (the login berth sends with a pull). */
class ImageNameTest {
  @ParameterizedTest
  @CsvSource({
    "redis, docker.io",
    "redis:7, docker.io",
    "library/redis, docker.io",
    "someone/app:1.0, docker.io",
    "docker.io/library/redis:7, docker.io",
    "index.docker.io/library/redis, docker.io",
    "ghcr.io/o/r@sha256:0123, ghcr.io",
    "localhost/app, localhost",
    "localhost:5000/x, localhost:5000",
    "127.0.0.1:5000/busybox:1.36, 127.0.0.1:5000",
    "registry.example.com/team/app:2, registry.example.com"
  })
  void registry_isTheFirstComponentOnlyWhenItIsAHost(String reference, String registry) {
    assertThat(ImageName.parse(reference).registry()).isEqualTo(registry);
  }
}
