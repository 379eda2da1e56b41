package dev.berth.orchestrator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.orchestrator.BerthException;
import dev.berth.orchestrator.loader.ComposeLoader;
import dev.berth.orchestrator.loader.LoadRequest;
import dev.berth.orchestrator.model.Project;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnsupportedKeysTest {
  private final List<String> warnings = new ArrayList<>();
  private final Progress progress =
      new Progress() {
        @Override
        public void event(String kind, String name, String state) {}

        @Override
        public void warn(String message) {
          warnings.add(message);
        }
      };

  private static Project load(String yaml) throws Exception {
    return ComposeLoader.load(
            LoadRequest.builder(Path.of("/tmp"), Map.of("ARCH", UnsupportedKeys.HOST_ARCH))
                .files(List.of("-"))
                .projectName("p")
                .stdin(yaml)
                .build())
        .project();
  }

  @Test
  void passedThroughKeysAreNeitherRefusedNorWarned() throws Exception {
    Project project =
        load(
            """
            services:
              app:
                image: busybox
                shm_size: 64m
                ulimits: {nofile: 1024}
                sysctls: {net.ipv4.ip_forward: "1"}
                dns: [1.1.1.1]
                dns_search: [x]
                dns_opt: [ndots:1]
                domainname: d
                mem_limit: 1g
                mem_reservation: 1m
                memswap_limit: 2g
                cpus: 1
                cpu_shares: 2
                cpu_quota: 1000
                cpu_period: 100000
                cpuset: "0"
                pids_limit: 5
                group_add: ["1"]
                devices: [/dev/fuse]
                security_opt: [no-new-privileges]
                oom_score_adj: 1
                logging: {driver: local}
                runtime: crun
                mac_address: 02:42:ac:11:00:02
                links: [db]
                volumes_from: [db]
                ipc: host
                pid: host
                uts: host
              db:
                image: busybox
            """);

    assertThatCode(() -> UnsupportedKeys.check(project, progress)).doesNotThrowAnyException();
    assertThat(warnings).isEmpty();
  }

  @Test
  void keysDockerComposeIgnoresOnOneEngineAreWarnings() throws Exception {
    Project project =
        load(
            """
            services:
              app:
                image: busybox
                cpu_count: 2
                cpu_percent: 50
                platform: linux/${ARCH}
                develop:
                  watch: [{action: sync, path: ./src, target: /src}]
                deploy:
                  mode: replicated
                  placement: {constraints: [node.role==manager]}
                  update_config: {parallelism: 1}
                  rollback_config: {parallelism: 1}
            """);

    UnsupportedKeys.check(project, progress);

    assertThat(warnings)
        .containsExactly(
            "services.app.cpu_count is ignored (Windows containers only)",
            "services.app.cpu_percent is ignored (Windows containers only)",
            "services.app.develop is ignored (berth has no watch mode;"
                + " docker compose uses it only for watch)",
            "services.app.deploy.placement is ignored (Swarm only)",
            "services.app.deploy.update_config is ignored (Swarm only)",
            "services.app.deploy.rollback_config is ignored (Swarm only)",
            "services.app.deploy.mode is ignored (Swarm only)");
  }

  @Test
  void keysThatWouldChangeWhatRunsAreErrorsNamingThem() throws Exception {
    for (String key :
        List.of(
            "gpus: all",
            "annotations: {a: b}",
            "cpu_rt_runtime: 95000",
            "cgroup_parent: x",
            "userns_mode: host",
            "storage_opt: {size: 1G}",
            "blkio_config: {weight: 300}",
            "use_api_socket: true",
            "post_start: [{command: [\"true\"]}]",
            "pre_stop: [{command: [\"true\"]}]")) {
      String name = key.substring(0, key.indexOf(':'));
      Project project = load("services:\n  app:\n    image: busybox\n    " + key + "\n");

      assertThatThrownBy(() -> UnsupportedKeys.check(project, progress))
          .as(name)
          .isInstanceOf(BerthException.class)
          .hasMessageContaining("services.app." + name + ": not supported by berth yet");
    }
  }

  @Test
  void anotherPlatformThanTheHostsIsAnErrorNamingIt() throws Exception {
    String other = UnsupportedKeys.HOST_ARCH.equals("arm64") ? "amd64" : "arm64";
    Project project =
        load("services:\n  app:\n    image: busybox\n    platform: linux/" + other + "\n");

    assertThatThrownBy(() -> UnsupportedKeys.check(project, progress))
        .hasMessageContaining("services.app.platform: \"linux/" + other + "\" is not this host's");
  }

  @Test
  void gpuReservationsAndIpv6NetworksAreErrorsNamingTheKey() throws Exception {
    Project gpus =
        load(
            """
            services:
              app:
                image: busybox
                deploy:
                  resources:
                    reservations:
                      devices: [{driver: nvidia, count: 1, capabilities: [gpu]}]
            """);
    Project ipv6 =
        load(
            """
            services:
              app: {image: busybox}
            networks:
              default:
                enable_ipv6: true
            """);

    assertThatThrownBy(() -> UnsupportedKeys.check(gpus, progress))
        .hasMessageContaining(
            "services.app.deploy.resources.reservations.devices: not supported by berth yet");
    assertThatThrownBy(() -> UnsupportedKeys.check(ipv6, progress))
        .hasMessageContaining("networks.default.enable_ipv6: not supported by berth yet");
  }

  @Test
  void networkAttachmentKeysBerthDoesNotPass_areErrors_whileIpv4AddressIsFine() throws Exception {
    Project ipv6 =
        load(
            """
            services:
              app:
                image: busybox
                networks:
                  front: {ipv4_address: 10.9.0.5, ipv6_address: "fd00::5"}
            networks:
              front: {}
            """);
    Project ipv4 =
        load(
            """
            services:
              app:
                image: busybox
                networks:
                  front: {ipv4_address: 10.9.0.5, aliases: [a]}
            networks:
              front: {}
            """);

    assertThatThrownBy(() -> UnsupportedKeys.check(ipv6, progress))
        .hasMessageContaining(
            "services.app.networks.front.ipv6_address: not supported by berth yet");
    assertThatCode(() -> UnsupportedKeys.check(ipv4, progress)).doesNotThrowAnyException();
  }
}
