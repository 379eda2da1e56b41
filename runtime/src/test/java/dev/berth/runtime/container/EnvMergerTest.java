package dev.berth.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnvMergerTest {

  @Test
  void merge_containerEnvReplacesImageEnvInPlace() {
    List<String> env =
        EnvMerger.merge(
            List.of("PATH=/bin", "A=image", "B=keep"),
            List.of("A=mine", "C=3"),
            "web",
            false,
            "/root");

    assertThat(env)
        .containsExactly("PATH=/bin", "HOSTNAME=web", "A=mine", "B=keep", "C=3", "HOME=/root");
  }

  @Test
  void merge_withoutPath_addsDockersDefaultAndTermForTty() {
    List<String> env = EnvMerger.merge(List.of(), List.of("HOME=/h"), "x", true, "/root");

    assertThat(env).containsExactly(EnvMerger.DEFAULT_PATH, "HOSTNAME=x", "TERM=xterm", "HOME=/h");
  }
}
