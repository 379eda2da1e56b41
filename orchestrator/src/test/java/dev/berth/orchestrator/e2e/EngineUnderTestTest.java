package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.api.EngineVersion;
import org.junit.jupiter.api.Test;

/** The suite runs against the engine it was asked for: {@code /version} tells berthd apart. */
class EngineUnderTestTest {

  @Test
  void version_reportsTheChosenEngine() {
    String component = TestEngine.reportedComponent();
    if (TestEngine.name().equals("berthd")) {
      assertThat(component).isEqualTo(EngineVersion.BERTHD);
    } else {
      assertThat(component).isEqualTo("Engine");
    }
  }
}
