package dev.berth.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConmonLauncherTest {
  private final ConmonLauncher launcher =
      new ConmonLauncher(
          Path.of("/usr/bin/conmon"),
          (argv, env, stdin, timeout) -> new ProcessRunner.ProcessResult(0, "", ""));
  private final OciRuntime crun =
      new OciRuntime(
          "crun",
          Path.of("/usr/bin/crun"),
          Path.of("/run/b/bin/crun-wrap"),
          Path.of("/run/b/crun"));
  private final MonitorPaths paths =
      new MonitorPaths(
          Path.of("/run/b/c/berth-1"),
          Path.of("/var/b/c/1/ctr.log"),
          Path.of("/run/b/c/berth-1/exits"),
          Path.of("/run/b/s"));

  @Test
  void arguments_createThroughTheWrapperWithExitDirLogAndPrivateRoot() {
    List<String> args = launcher.arguments(crun, "berth-1", paths, false, false);

    assertThat(args).first().isEqualTo("/usr/bin/conmon");
    assertThat(args)
        .containsSubsequence("-r", "/run/b/bin/crun-wrap")
        .containsSubsequence("-b", "/run/b/c/berth-1")
        .containsSubsequence("-l", "k8s-file:/var/b/c/1/ctr.log")
        .containsSubsequence("--exit-dir", "/run/b/c/berth-1/exits")
        .containsSubsequence("--runtime-arg", "--root=/run/b/crun")
        .doesNotContain("-t", "-i");
  }

  @Test
  void arguments_ttyAndOpenStdin() {
    assertThat(launcher.arguments(crun, "berth-1", paths, true, true))
        .contains("-t")
        .containsSubsequence("-i", "--leave-stdin-open");
  }

  @Test
  void monitorPaths_exitFileIsNamedAfterTheContainer() {
    assertThat(paths.exitFile("berth-1")).isEqualTo(Path.of("/run/b/c/berth-1/exits/berth-1"));
    assertThat(paths.ctlFifo()).isEqualTo(Path.of("/run/b/c/berth-1/ctl"));
  }
}
