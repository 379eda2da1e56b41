package dev.berth.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.BerthVersion;
import org.junit.jupiter.api.Test;

class BerthMainTest {

  @Test
  void version_printsComposeStyleLine() {
    CliRun run = CliRun.of("version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("berth version v" + BerthVersion.version() + "\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void version_short_printsBareNumber() {
    CliRun run = CliRun.of("version", "--short");

    assertThat(run.out()).isEqualTo(BerthVersion.version() + "\n");
  }

  @Test
  void version_formatJson_printsVersionObject() {
    CliRun run = CliRun.of("version", "--format", "json");

    assertThat(run.out()).isEqualTo("{\"version\":\"v" + BerthVersion.version() + "\"}\n");
  }

  @Test
  void versionFlag_matchesVersionCommand() {
    assertThat(CliRun.of("--version").out()).isEqualTo(CliRun.of("version").out());
  }

  @Test
  void versionNumber_isTheBuildsProjectVersion() {
    assertThat(BerthVersion.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void noCommand_printsUsageAndSucceeds() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: berth").contains("--project-name", "version");
  }

  @Test
  void unknownCommand_isUsageErrorOnStderr() {
    CliRun run = CliRun.of("frobnicate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("berth: ").contains("frobnicate").doesNotContain("\tat ");
  }

  @Test
  void badEnumValue_namesOptionAndChoices() {
    CliRun run = CliRun.of("--progress", "fancy", "version");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--progress", "fancy", "plain", "quiet");
  }

  @Test
  void typo_suggestsNearestCommand() {
    CliRun run = CliRun.of("versio");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("version");
  }
}
