package dev.berth.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.orchestrator.BerthException;
import dev.berth.runtime.api.EngineClient;
import dev.berth.runtime.api.EngineException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auto-start: a command that needs the engine starts berthd on its default socket, once. */
class EngineConnectorTest {
  @TempDir Path temp;

  private final IsolatedDaemon isolated = new IsolatedDaemon();
  private final EngineConnector connector = EngineConnector.forThisProcess(isolated.env());

  private DaemonPaths paths() {
    return DaemonPaths.of(
        Map.of(
            "BERTH_ROOT",
            temp.resolve("root").toString(),
            "BERTH_EXEC_ROOT",
            temp.resolve("run").toString()),
        null,
        null,
        null);
  }

  @AfterEach
  void stopWhatTheTestStarted() throws Exception {
    Path lock = paths().daemonLock();
    if (Files.exists(lock) && DaemonControl.daemonPid(paths().root()).isPresent()) {
      ProcessHandle daemon =
          ProcessHandle.of(DaemonControl.daemonPid(paths().root()).getAsLong()).orElseThrow();
      daemon.destroy();
      daemon.onExit().get(30, TimeUnit.SECONDS);
    }
    isolated.removeNetworks(paths().root(), paths().execRoot());
  }

  @Test
  void connect_toTheDefaultSocketWithNothingThere_startsBerthdOnce() throws Exception {
    DaemonPaths paths = paths();
    EngineAddress address = EngineAddress.resolve(null, Map.of(), paths);
    List<String> notices = new ArrayList<>();

    try (EngineClient first =
            connector.connect(address, paths, Map.of(), Duration.ofSeconds(10), notices::add);
        EngineClient second =
            connector.connect(address, paths, Map.of(), Duration.ofSeconds(10), notices::add)) {
      assertThat(first.version().isBerthd()).isTrue();
      assertThat(second.version().isBerthd()).isTrue();
    }
    assertThat(notices).hasSize(1);
    assertThat(notices.get(0)).startsWith("started berthd (pid ").endsWith("on " + paths.socket());
  }

  @Test
  void connect_withDockerHostSet_saysItIsNotUsed() throws Exception {
    DaemonPaths paths = paths();
    Map<String, String> env = Map.of("DOCKER_HOST", "unix:///var/run/docker.sock");
    EngineAddress address = EngineAddress.resolve(null, env, paths);
    List<String> notices = new ArrayList<>();

    try (EngineClient client =
        connector.connect(address, paths, env, Duration.ofSeconds(10), notices::add)) {
      assertThat(client.socket()).isEqualTo(paths.socket());
    }
    assertThat(notices.get(0))
        .isEqualTo(
            "DOCKER_HOST is set but berth drives berthd; pass --host unix:///var/run/docker.sock"
                + " (or set BERTH_HOST) to use that engine");
  }

  @Test
  void connect_toAnExplicitHost_neverStartsAnEngine() throws Exception {
    DaemonPaths paths = paths();
    EngineAddress address =
        EngineAddress.resolve("unix://" + temp.resolve("elsewhere.sock"), Map.of(), paths);
    List<String> notices = new ArrayList<>();

    try (EngineClient client =
        connector.connect(address, paths, Map.of(), Duration.ofSeconds(10), notices::add)) {
      assertThatThrownBy(client::ping)
          .isInstanceOf(EngineException.class)
          .hasMessageContaining("cannot reach the engine at " + temp.resolve("elsewhere.sock"));
    }
    assertThat(notices).isEmpty();
    assertThat(paths.root().resolve("berthd.lock")).doesNotExist();
  }

  @Test
  void connect_whenBerthdCannotStart_failsNamingTheSocket() {
    DaemonPaths paths = paths();
    EngineConnector broken =
        new EngineConnector(
            new DaemonStarter(
                DaemonLauncher.forThisProcess(Map.of("BERTH_BERTHD", "/bin/false")),
                Duration.ofSeconds(10)));

    assertThatThrownBy(
            () ->
                broken.connect(
                    EngineAddress.resolve(null, Map.of(), paths),
                    paths,
                    Map.of(),
                    Duration.ofSeconds(10),
                    n -> {}))
        .isInstanceOf(BerthException.class)
        .hasMessage("berthd exited with code 1 before answering on " + paths.socket());
  }
}
