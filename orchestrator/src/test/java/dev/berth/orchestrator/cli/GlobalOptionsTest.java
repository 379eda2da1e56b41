package dev.berth.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GlobalOptionsTest {

  private static GlobalOptions parse(String... args) {
    BerthCommand command = new BerthCommand();
    BerthMain.commandLine(command, args).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return command.global();
  }

  @Test
  void defaults_matchDockerCompose() {
    GlobalOptions global = parse("version");

    assertThat(global.files()).isEmpty();
    assertThat(global.projectName()).isNull();
    assertThat(global.progress()).isEqualTo(GlobalOptions.Progress.auto);
    assertThat(global.ansi()).isEqualTo(GlobalOptions.Ansi.auto);
    assertThat(global.dryRun()).isFalse();
    assertThat(global.debug()).isFalse();
  }

  @Test
  void file_isRepeatableInOrderAndAcceptsStdin() {
    GlobalOptions global = parse("-f", "a.yaml", "--file", "-", "-f=b.yaml", "version");

    assertThat(global.files()).containsExactly("a.yaml", "-", "b.yaml");
  }

  @Test
  void everyGlobalFlag_isParsed() {
    GlobalOptions global =
        parse(
            "-p",
            "demo",
            "--project-directory",
            "/srv/app",
            "--env-file",
            "one.env",
            "--env-file",
            "two.env",
            "--profile",
            "debug",
            "--profile",
            "tools",
            "--progress",
            "plain",
            "--ansi",
            "never",
            "--dry-run",
            "--host",
            "unix:///tmp/engine.sock",
            "--debug",
            "version");

    assertThat(global.projectName()).isEqualTo("demo");
    assertThat(global.projectDirectory()).isEqualTo(Path.of("/srv/app"));
    assertThat(global.envFiles()).containsExactly(Path.of("one.env"), Path.of("two.env"));
    assertThat(global.profiles()).containsExactly("debug", "tools");
    assertThat(global.progress()).isEqualTo(GlobalOptions.Progress.plain);
    assertThat(global.ansi()).isEqualTo(GlobalOptions.Ansi.never);
    assertThat(global.dryRun()).isTrue();
    assertThat(global.host()).isEqualTo("unix:///tmp/engine.sock");
    assertThat(global.debug()).isTrue();
  }

  @Test
  void enumValues_areCaseInsensitiveLikeDockerCompose() {
    assertThat(parse("--progress", "JSON", "version").progress())
        .isEqualTo(GlobalOptions.Progress.json);
  }
}
