package dev.berth.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logins read from a Docker config.json. */
class DockerConfigCredentialsTest {
  @TempDir Path dir;

  @Test
  void read_dockerHubKeyAndBase64Auth_mapToDockerIo() throws Exception {
    // "alice:pa:ss" — a password may itself contain colons
    Path file =
        write(
            "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"YWxpY2U6cGE6c3M=\"},"
                + "\"ghcr.io\":{\"username\":\"bob\",\"password\":\"pw\"},"
                + "\"http://localhost:5000/v2/\":{\"identitytoken\":\"tok\"}},\"credsStore\":\"desktop\"}");

    DockerConfigCredentials creds = DockerConfigCredentials.read(file);

    assertThat(creds.lookup("docker.io")).contains(Credentials.basic("alice", "pa:ss"));
    assertThat(creds.lookup("ghcr.io")).contains(Credentials.basic("bob", "pw"));
    assertThat(creds.lookup("localhost:5000").orElseThrow().identityToken()).isEqualTo("tok");
    assertThat(creds.lookup("quay.io")).isEmpty();
  }

  @Test
  void read_badBase64_namesTheFileAndKey() throws Exception {
    Path file = write("{\"auths\":{\"ghcr.io\":{\"auth\":\"%%%\"}}}");

    assertThatThrownBy(() -> DockerConfigCredentials.read(file))
        .isInstanceOf(EngineException.class)
        .hasMessage(file + ": auths.ghcr.io.auth is not base64");
  }

  @Test
  void toString_neverShowsThePassword() {
    assertThat(Credentials.basic("alice", "secret").toString()).doesNotContain("secret");
  }

  private Path write(String json) throws Exception {
    return Files.writeString(dir.resolve("config.json"), json);
  }
}
