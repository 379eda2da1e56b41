package dev.berth.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Base URLs per registry host: mirrors, HTTP and HTTPS. */
class RegistryEndpointsTest {
  @Test
  void dockerHub_triesMirrorsFirstThenRegistry1() {
    RegistryEndpoints e =
        new RegistryEndpoints(
            RegistryConfig.defaults().withMirrors(List.of("https://mirror.example/")));

    assertThat(e.forHost("docker.io"))
        .containsExactly(
            URI.create("https://mirror.example"), URI.create("https://registry-1.docker.io"));
  }

  @Test
  void loopbackAndInsecureHosts_tryPlainHttpThenTls_othersUseTlsOnly() {
    RegistryEndpoints e =
        new RegistryEndpoints(RegistryConfig.defaults().withInsecure(Set.of("reg.lan:5000")));

    assertThat(e.forHost("127.0.0.1:5000"))
        .containsExactly(URI.create("http://127.0.0.1:5000"), URI.create("https://127.0.0.1:5000"));
    assertThat(e.forHost("localhost")).hasSize(2);
    assertThat(e.forHost("[::1]:5000")).hasSize(2);
    assertThat(e.forHost("reg.lan:5000")).hasSize(2);
    assertThat(e.forHost("ghcr.io")).containsExactly(URI.create("https://ghcr.io"));
  }
}
