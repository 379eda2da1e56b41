package dev.berth.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandMergerTest {
  private static final ImageConfig NGINX =
      new ImageConfig(
          List.of(),
          List.of("/docker-entrypoint.sh"),
          List.of("nginx", "-g", "daemon off;"),
          "",
          "",
          "",
          null,
          Set.of(),
          Map.of());

  private static List<String> merge(List<String> entrypoint, List<String> cmd) throws Exception {
    return CommandMerger.merge(NGINX, Optional.ofNullable(entrypoint), Optional.ofNullable(cmd));
  }

  @Test
  void merge_withoutOverrides_runsImageEntrypointWithImageCmd() throws Exception {
    assertThat(merge(null, null))
        .containsExactly("/docker-entrypoint.sh", "nginx", "-g", "daemon off;");
  }

  @Test
  void merge_cmdOverride_keepsImageEntrypoint() throws Exception {
    assertThat(merge(null, List.of("sh"))).containsExactly("/docker-entrypoint.sh", "sh");
  }

  @Test
  void merge_emptyCmd_meansTheImagesCmd() throws Exception {
    assertThat(merge(null, List.of()))
        .containsExactly("/docker-entrypoint.sh", "nginx", "-g", "daemon off;");
  }

  @Test
  void merge_entrypointOverride_dropsImageCmd() throws Exception {
    assertThat(merge(List.of("/bin/sh"), null)).containsExactly("/bin/sh");
  }

  @Test
  void merge_entrypointAndCmdOverrides_runBoth() throws Exception {
    assertThat(merge(List.of("/bin/sh", "-c"), List.of("echo hi")))
        .containsExactly("/bin/sh", "-c", "echo hi");
  }

  @Test
  void merge_emptyEntrypoint_clearsItButKeepsImageCmd() throws Exception {
    assertThat(merge(List.of(), null)).containsExactly("nginx", "-g", "daemon off;");
  }

  @Test
  void merge_nothingToRun_failsWithDockersMessage() {
    ImageConfig empty = ImageConfig.ofCmd();
    assertThatThrownBy(() -> CommandMerger.merge(empty, Optional.empty(), Optional.empty()))
        .isInstanceOf(EngineException.class)
        .hasMessage("no command specified");
  }
}
