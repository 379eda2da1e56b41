package dev.berth.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EtcFilesTest {
  private static final String HOST =
      "# generated\nnameserver 127.0.0.53\nnameserver 10.0.0.1\nsearch corp.example\n";

  @Test
  void resolvConf_dropsLoopbackServersAContainerCannotReach() {
    assertThat(EtcFiles.resolvConf(HOST, List.of(), false))
        .isEqualTo("nameserver 10.0.0.1\nsearch corp.example\n");
  }

  @Test
  void resolvConf_hostNetworkKeepsLoopbackServers() {
    assertThat(EtcFiles.resolvConf(HOST, List.of(), true)).contains("nameserver 127.0.0.53\n");
  }

  @Test
  void resolvConf_givenServersReplaceTheHosts() {
    assertThat(EtcFiles.resolvConf(HOST, List.of("1.1.1.1"), false))
        .isEqualTo("nameserver 1.1.1.1\nsearch corp.example\n");
  }

  @Test
  void resolvConf_nothingUsable_fallsBackLikeDocker() {
    assertThat(EtcFiles.resolvConf("nameserver 127.0.0.1\n", List.of(), false))
        .isEqualTo("nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
  }

  @Test
  void hosts_listsExtraHostsAndTheContainersOwnName() {
    assertThat(EtcFiles.hosts("web", "172.20.0.5", List.of("db:10.0.0.9")))
        .startsWith("127.0.0.1\tlocalhost\n")
        .contains("10.0.0.9\tdb\n")
        .endsWith("172.20.0.5\tweb\n");
  }
}
