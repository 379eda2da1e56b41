package dev.berth.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.registry.RegistryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigFileTest {
  @TempDir Path dir;

  private RegistryConfig read(String json) throws Exception {
    Path file = dir.resolve("daemon.json");
    Files.writeString(file, json);
    return DaemonConfigFile.read(file, false, RegistryConfig.defaults());
  }

  @Test
  void read_takesDockerdsRegistryKeys() throws Exception {
    RegistryConfig config =
        read(
            """
            {"insecure-registries": ["reg.local:5000", "http://other.local/"],
             "registry-mirrors": ["https://mirror.local/"],
             "max-concurrent-downloads": 6}
            """);

    assertThat(config.insecureRegistries())
        .containsExactlyInAnyOrder("reg.local:5000", "other.local");
    assertThat(config.dockerHubMirrors()).containsExactly("https://mirror.local");
    assertThat(config.maxConcurrentDownloads()).isEqualTo(6);
  }

  @Test
  void read_missingDefaultFile_isTheBase_butAMissingNamedFileIsAnError() throws Exception {
    Path missing = dir.resolve("nope.json");
    assertThat(DaemonConfigFile.read(missing, true, RegistryConfig.defaults()))
        .isEqualTo(RegistryConfig.defaults());
    assertThatThrownBy(() -> DaemonConfigFile.read(missing, false, RegistryConfig.defaults()))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void read_badInput_isAnErrorNamingFileAndWhat() {
    assertThatThrownBy(() -> read("{\"debug\": true}"))
        .hasMessageContaining("daemon.json")
        .hasMessageContaining("does not support debug");
    assertThatThrownBy(() -> read("{\n\"registry-mirrors\": [\n}"))
        .hasMessageContaining("daemon.json:3: not valid JSON");
    assertThatThrownBy(() -> read("{\"registry-mirrors\": \"https://m\"}"))
        .hasMessageContaining("registry-mirrors must be a list of strings");
    assertThatThrownBy(() -> read("{\"registry-mirrors\": [\"ftp://m\"]}"))
        .hasMessageContaining("\"ftp://m\" is not an http(s) URL");
    assertThatThrownBy(() -> read("{\"insecure-registries\": [\"10.0.0.0/8\"]}"))
        .hasMessageContaining("CIDR ranges are not supported");
    assertThatThrownBy(() -> read("{\"max-concurrent-downloads\": 0}"))
        .hasMessageContaining("max-concurrent-downloads must be a positive integer");
  }

  @Test
  void withMirrors_fromTheCommandLine_addsToTheFilesOnes() throws Exception {
    RegistryConfig config =
        DaemonConfigFile.withMirrors(
            read("{\"registry-mirrors\": [\"https://a.local\"]}"),
            List.of("http://b.local:5000/"),
            "--registry-mirror");

    assertThat(config.dockerHubMirrors()).containsExactly("https://a.local", "http://b.local:5000");
  }
}
