package dev.berth.runtime.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeDriverTest {
  private final List<List<String>> calls = new ArrayList<>();
  private final OciRuntime crun =
      new OciRuntime(
          "crun", Path.of("/usr/bin/crun"), Path.of("/run/b/bin/wrap"), Path.of("/run/b/crun"));

  private RuntimeDriver driverAnswering(int code, String stderr) {
    return new RuntimeDriver(
        crun,
        (argv, env, stdin, timeout) -> {
          calls.add(argv);
          return new ProcessRunner.ProcessResult(code, "", stderr);
        });
  }

  @Test
  void run_callsTheBinaryNotTheCreateWrapperWithThePrivateRoot() throws Exception {
    driverAnswering(0, "").run(new KillCall("berth-1", "SIGTERM", false));

    assertThat(calls)
        .containsExactly(
            List.of("/usr/bin/crun", "--root=/run/b/crun", "kill", "berth-1", "SIGTERM"));
  }

  @Test
  void run_failure_describesTheCallAndQuotesStderr() {
    assertThatThrownBy(() -> driverAnswering(1, "boom\n").run(new StartCall("berth-3f2a")))
        .isInstanceOf(EngineException.class)
        .hasMessage("crun start berth-3f2a: exit 1: boom");
  }

  @Test
  void run_missingContainer_isNotFound() {
    assertThatThrownBy(
            () ->
                driverAnswering(1, "error opening file: container `x` does not exist")
                    .run(new DeleteCall("x", true)))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
  }

  @Test
  void run_execExitCode_isTheResultNotAFailure() throws Exception {
    assertThat(driverAnswering(7, "").run(new ExecCall("c", Path.of("/p.json"))).exitCode())
        .isEqualTo(7);
  }
}
