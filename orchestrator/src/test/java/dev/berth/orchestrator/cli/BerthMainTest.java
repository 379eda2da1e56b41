package dev.berth.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.BerthVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BerthMainTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "up -d | up",
        "-f a.yml -p x up | up",
        "--file=a.yml ps | ps",
        "-fa.yml ps | ps",
        "-f up ps | ps",
        "--dry-run down | down",
        "--debug --host unix:///x.sock --progress plain ps | ps",
        "--env-file e --profile p --project-directory d --ansi never config | config",
        "--nope up | ''",
        "-dx up | ''",
        "--debug=yes up | ''",
        "--version | ''",
        "-h | ''",
        "-- up | ''"
      })
  void subcommandNamed_skipsTheGlobalOptionsAndTheirValues(String line, String named) {
    assertThat(BerthMain.subcommandNamed(line.split(" ")))
        .isEqualTo(named.isEmpty() ? null : named);
  }

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
