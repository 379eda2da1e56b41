package dev.berth.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.orchestrator.BerthException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineAddressTest {
  private static final DaemonPaths DEFAULTS = DaemonPaths.of(Map.of(), null, null, null);

  @Test
  void resolve_withNothingSet_isBerthdsDefaultSocketAndAutoStarts() throws BerthException {
    EngineAddress address = EngineAddress.resolve(null, Map.of(), DEFAULTS);

    assertThat(address.socket()).isEqualTo(Path.of("/run/berth/berth.sock"));
    assertThat(address.autoStarts()).isTrue();
  }

  @Test
  void resolve_hostOption_winsOverBerthHostAndDoesNotAutoStart() throws BerthException {
    EngineAddress address =
        EngineAddress.resolve(
            "unix:///tmp/a.sock", Map.of("BERTH_HOST", "unix:///tmp/b.sock"), DEFAULTS);

    assertThat(address.socket()).isEqualTo(Path.of("/tmp/a.sock"));
    assertThat(address.source()).isEqualTo(EngineAddress.Source.OPTION);
    assertThat(address.autoStarts()).isFalse();
  }

  @Test
  void resolve_berthHost_acceptsAPlainPath() throws BerthException {
    EngineAddress address =
        EngineAddress.resolve(null, Map.of("BERTH_HOST", "/tmp/b.sock"), DEFAULTS);

    assertThat(address.socket()).isEqualTo(Path.of("/tmp/b.sock"));
    assertThat(address.source()).isEqualTo(EngineAddress.Source.ENVIRONMENT);
  }

  @Test
  void resolve_dockerHostIsIgnored() throws BerthException {
    EngineAddress address =
        EngineAddress.resolve(null, Map.of("DOCKER_HOST", "unix:///var/run/docker.sock"), DEFAULTS);

    assertThat(address.socket()).isEqualTo(Path.of("/run/berth/berth.sock"));
  }

  @Test
  void resolve_tcpHost_isRefusedNamingTheSetting() {
    assertThatThrownBy(() -> EngineAddress.resolve("tcp://10.0.0.1:2375", Map.of(), DEFAULTS))
        .isInstanceOf(BerthException.class)
        .hasMessageContaining("--host")
        .hasMessageContaining("tcp://10.0.0.1:2375")
        .hasMessageContaining("not a unix socket");
  }

  @Test
  void daemonPaths_execRootFromEnvironment_movesTheDefaultSocket() {
    DaemonPaths paths =
        DaemonPaths.of(
            Map.of("BERTH_EXEC_ROOT", "/tmp/x", "BERTH_ROOT", "/tmp/r"), null, null, null);

    assertThat(paths.socket()).isEqualTo(Path.of("/tmp/x/berth.sock"));
    assertThat(paths.root()).isEqualTo(Path.of("/tmp/r"));
  }
}
