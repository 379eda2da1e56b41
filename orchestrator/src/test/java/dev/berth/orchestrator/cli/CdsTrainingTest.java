package dev.berth.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The archive's training run goes through every command it names (its stand-in keeps up). */
class CdsTrainingTest {

  @Test
  void train_runsConfigPsUpAndDown_toTheEnd() throws Exception {
    assertThat(CdsTraining.train())
        .containsEntry("config", 0)
        .containsEntry("ps -a", 0)
        .containsEntry("up -d --pull missing", 0)
        .containsEntry("down -v", 0);
  }
}
