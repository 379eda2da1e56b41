package dev.berth.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
                + "\"http://localhost:5000/v2/\":{\"identitytoken\":\"tok\"}}}");

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
  void credentialHelpers_perRegistryThenStore_asTheDockerCliAsksThem() throws Exception {
    Path helpers = Files.createDirectories(dir.resolve("bin"));
    // each helper answers with what it was asked, so the test sees the server it was given
    helper(helpers, "perhost", "printf '{\"Username\":\"ci-%s\",\"Secret\":\"s3\"}' \"$(cat)\"");
    helper(
        helpers,
        "store",
        "server=$(cat); case $server in https://index.docker.io/v1/)"
            + " echo '{\"Username\":\"<token>\",\"Secret\":\"refresh\"}';;"
            + " *) echo 'credentials not found in native keychain'; exit 1;; esac");
    helper(helpers, "broken", "echo 'keychain locked' >&2; exit 3");
    Path file =
        write(
            "{\"auths\":{\"quay.io\":{\"auth\":\"dTpw\"}},\"credsStore\":\"store\","
                + "\"credHelpers\":{\"ghcr.io\":\"perhost\",\"reg.local:5000\":\"broken\"}}");

    DockerConfigCredentials creds = DockerConfigCredentials.read(file, helpers);

    assertThat(creds.lookup("ghcr.io")).contains(Credentials.basic("ci-ghcr.io", "s3"));
    assertThat(creds.lookup("docker.io").orElseThrow().identityToken()).isEqualTo("refresh");
    assertThat(creds.lookup("quay.io"))
        .as("the store has none: auths")
        .contains(Credentials.basic("u", "p"));
    assertThat(creds.lookup("example.org")).isEmpty();
    assertThatThrownBy(() -> creds.lookup("reg.local:5000"))
        .hasMessageContaining("docker-credential-broken get reg.local:5000 exited 3")
        .hasMessageContaining("keychain locked");
  }

  @Test
  void all_addsTheLoginsACredsStoreLists_asTheDockerCliSendsThemWithABuild() throws Exception {
    Path helpers = Files.createDirectories(dir.resolve("bin"));
    Path store = helpers.resolve("docker-credential-store");
    Files.writeString(
        store,
        "#!/bin/sh\n"
            + "case $1 in\n"
            + "  list) echo '{\"https://index.docker.io/v1/\":\"hub\",\"reg.example:5000\":\"r\","
            + "\"ghcr.io\":\"g\"}';;\n"
            + "  get) printf '{\"Username\":\"from-store-%s\",\"Secret\":\"s\"}' \"$(cat)\";;\n"
            + "  *) exit 9;;\n"
            + "esac\n");
    store.toFile().setExecutable(true);
    helper(helpers, "perhost", "printf '{\"Username\":\"ci-%s\",\"Secret\":\"s3\"}' \"$(cat)\"");
    Path file =
        write(
            "{\"auths\":{\"quay.io\":{\"auth\":\"dTpw\"}},\"credsStore\":\"store\","
                + "\"credHelpers\":{\"ghcr.io\":\"perhost\"}}");

    Map<String, Credentials> all = DockerConfigCredentials.read(file, helpers).all();

    assertThat(all)
        .containsEntry("quay.io", Credentials.basic("u", "p"))
        .containsEntry(
            "docker.io", Credentials.basic("from-store-https://index.docker.io/v1/", "s"))
        .containsEntry("reg.example:5000", Credentials.basic("from-store-reg.example:5000", "s"))
        .containsEntry("ghcr.io", Credentials.basic("ci-ghcr.io", "s3"))
        .hasSize(4);
  }

  @Test
  void all_whenTheCredsStoreCannotList_keepsTheOtherLogins() throws Exception {
    Path helpers = Files.createDirectories(dir.resolve("bin"));
    helper(helpers, "store", "echo 'not reached'; exit 1"); // answers `list` with exit 9
    Path file = write("{\"auths\":{\"quay.io\":{\"auth\":\"dTpw\"}},\"credsStore\":\"store\"}");

    assertThat(DockerConfigCredentials.read(file, helpers).all()).containsOnlyKeys("quay.io");
  }

  private static void helper(Path dir, String name, String script) throws Exception {
    Path file = dir.resolve("docker-credential-" + name);
    Files.writeString(file, "#!/bin/sh\n[ \"$1\" = get ] || exit 9\n" + script + "\n");
    file.toFile().setExecutable(true);
  }

  @Test
  void toString_neverShowsThePassword() {
    assertThat(Credentials.basic("alice", "secret").toString()).doesNotContain("secret");
  }

  private Path write(String json) throws Exception {
    return Files.writeString(dir.resolve("config.json"), json);
  }
}
