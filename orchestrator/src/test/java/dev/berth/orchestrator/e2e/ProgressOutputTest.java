package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code --progress plain|json|quiet|tty} and {@code ps --format json}. */
class ProgressOutputTest {
  private static final String ONE =
      """
      services:
        web:
          image: ${IMAGE}
          command: ["sh", "-c", "exec sleep 600"]
      """;

  @Test
  void progressJson_printsOneObjectPerEvent() {
    try (ComposeProject p = ComposeProject.create(ONE)) {
      ComposeRun up = p.berth("--progress", "json", "up", "-d").orFail();
      assertThat(up.err())
          .contains("{\"id\":\"Network " + p.name() + "_default\",\"status\":\"Created\"}")
          .contains("{\"id\":\"Container " + p.name() + "-web-1\",\"status\":\"Started\"}");
    }
  }

  @Test
  void progressQuiet_printsNoEvents_andPlainHasNoAnsi() {
    try (ComposeProject p = ComposeProject.create(ONE)) {
      assertThat(p.berth("--progress", "quiet", "up", "-d").orFail().err()).isEmpty();
      ComposeRun down = p.berth("--progress", "plain", "down", "-t", "0").orFail();
      assertThat(down.err())
          .contains(" Container " + p.name() + "-web-1  Removed")
          .doesNotContain("\u001b[");
    }
  }

  @Test
  void progressTty_redrawsTheRunningView() {
    try (ComposeProject p = ComposeProject.create(ONE)) {
      ComposeRun up = p.berth("--progress", "tty", "up", "-d").orFail();
      assertThat(up.err())
          .contains("[+] Running")
          .contains("Container " + p.name() + "-web-1  Started");
    }
  }

  @Test
  void psFormatJson_printsOneObjectPerContainer() {
    try (ComposeProject p = ComposeProject.create(ONE)) {
      p.berth("up", "-d").orFail();
      String json = p.berth("ps", "--format", "json").orFail().out();
      assertThat(json.lines().toList()).hasSize(1);
      assertThat(json)
          .contains("\"Name\":\"" + p.name() + "-web-1\"")
          .contains("\"Service\":\"web\"")
          .contains("\"State\":\"running\"");
    }
  }
}
