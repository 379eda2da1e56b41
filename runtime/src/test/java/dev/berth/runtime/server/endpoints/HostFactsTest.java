package dev.berth.runtime.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostFactsTest {

  @Test
  void detect_onAHostSetUpByBinSetupHost_prefersCrunAndLacksNothing() {
    HostFacts host = HostFacts.detect();

    assertThat(host.ociRuntimes()).containsExactly("crun", "runc");
    assertThat(host.defaultRuntime()).isEqualTo("crun");
    assertThat(host.lacks()).isEmpty();
  }
}
