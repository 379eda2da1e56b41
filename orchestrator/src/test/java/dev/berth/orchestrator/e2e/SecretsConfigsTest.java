package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Secrets and configs from a file, the environment or inline content, where compose puts them. */
class SecretsConfigsTest {

  @Test
  void secretsAndConfigs_areMountedAtRunSecretsAndAtTheRoot() throws Exception {
    String yaml =
        """
        services:
          app:
            image: ${IMAGE}
            command: ["sh", "-c", "exec sleep 600"]
            secrets:
              - db_password
              - api_token
            configs:
              - greeting
              - source: app_conf
                target: /etc/app.conf
        secrets:
          db_password:
            file: ./db_password.txt
          api_token:
            environment: API_TOKEN
        configs:
          greeting:
            content: hello from content
          app_conf:
            file: ./app.conf
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      Files.writeString(p.dir().resolve("db_password.txt"), "s3cret\n");
      Files.writeString(p.dir().resolve("app.conf"), "level=debug\n");
      p.env("API_TOKEN", "tok-123");
      p.berth("up", "-d").orFail();
      String c = p.name() + "-app-1";
      assertThat(p.docker("exec", c, "cat", "/run/secrets/db_password")).isEqualTo("s3cret\n");
      assertThat(p.docker("exec", c, "cat", "/run/secrets/api_token")).isEqualTo("tok-123");
      assertThat(p.docker("exec", c, "cat", "/greeting")).isEqualTo("hello from content");
      assertThat(p.docker("exec", c, "cat", "/etc/app.conf")).isEqualTo("level=debug\n");
    }
  }

  @Test
  void aSecretFromAnUnsetVariable_isAnErrorNamingIt() {
    String yaml =
        """
        services:
          app:
            image: ${IMAGE}
            secrets: [token]
        secrets:
          token:
            environment: NOT_SET_ANYWHERE
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      ComposeRun up = p.berth("up", "-d");
      assertThat(up.exitCode()).isEqualTo(1);
      assertThat(up.err())
          .contains("secrets.token: environment variable NOT_SET_ANYWHERE is not set");
    }
  }

  @Test
  void aBuildOnlyService_withoutADockerfile_failsNamingTheService() {
    String yaml =
        """
        services:
          app:
            build: .
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      ComposeRun up = p.berth("up", "-d");
      assertThat(up.exitCode()).isEqualTo(1);
      assertThat(up.err()).contains("service \"app\" failed to build");
    }
  }

  @Test
  void aKeyThatChangesWhatRuns_isRefusedByName() {
    String yaml =
        """
        services:
          app:
            image: ${IMAGE}
            gpus: all
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      ComposeRun up = p.berth("up", "-d");
      assertThat(up.exitCode()).isEqualTo(1);
      assertThat(up.err()).contains("services.app.gpus: not supported by berth yet");
      assertThat(p.leftovers()).isEmpty();
    }
  }

  @Test
  void dryRun_saysItIsNotSupportedYet_andDoesNothing() {
    String yaml =
        """
        services:
          app:
            image: ${IMAGE}
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      ComposeRun dry = p.berth("--dry-run", "up", "-d");
      assertThat(dry.exitCode()).isEqualTo(1);
      assertThat(dry.err()).contains("--dry-run is not supported yet: nothing was done");
      assertThat(p.leftovers()).isEmpty();
    }
  }
}
