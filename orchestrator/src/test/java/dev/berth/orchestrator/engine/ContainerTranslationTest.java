package dev.berth.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.orchestrator.loader.ComposeLoader;
import dev.berth.orchestrator.loader.LoadRequest;
import dev.berth.orchestrator.model.Project;
import dev.berth.orchestrator.plan.ContainerSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each compose key lands in the create request field dockerd reads, as docker compose v2 sends it.
 */
class ContainerTranslationTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode create(String yaml, String service) throws Exception {
    Project project =
        ComposeLoader.load(
                LoadRequest.builder(Path.of("/tmp"), Map.of())
                    .files(List.of("-"))
                    .projectName("p")
                    .stdin(yaml)
                    .build())
            .project();
    ContainerSpec spec =
        ContainerSpecs.of(project, project.service(service).orElseThrow(), 1, "sha256:abc");
    return JSON.valueToTree(ContainerTranslation.config(spec));
  }

  @Test
  void resourceKeysBecomeTheHostConfigLimitsInBytesAndNanoCpus() throws Exception {
    JsonNode host =
        create(
                """
                services:
                  app:
                    image: busybox
                    shm_size: 64m
                    mem_limit: 128m
                    mem_reservation: 32m
                    memswap_limit: 256m
                    mem_swappiness: 10
                    cpus: 0.5
                    cpu_shares: 512
                    cpu_quota: 50000
                    cpu_period: 100000
                    cpuset: "0"
                    pids_limit: 99
                    oom_score_adj: 200
                """,
                "app")
            .get("HostConfig");

    assertThat(host.get("ShmSize").asLong()).isEqualTo(64L << 20);
    assertThat(host.get("Memory").asLong()).isEqualTo(128L << 20);
    assertThat(host.get("MemoryReservation").asLong()).isEqualTo(32L << 20);
    assertThat(host.get("MemorySwap").asLong()).isEqualTo(256L << 20);
    assertThat(host.get("MemorySwappiness").asLong()).isEqualTo(10);
    assertThat(host.get("NanoCpus").asLong()).isEqualTo(500_000_000L);
    assertThat(host.get("CpuShares").asLong()).isEqualTo(512);
    assertThat(host.get("CpuQuota").asLong()).isEqualTo(50000);
    assertThat(host.get("CpuPeriod").asLong()).isEqualTo(100000);
    assertThat(host.get("CpusetCpus").asText()).isEqualTo("0");
    assertThat(host.get("PidsLimit").asLong()).isEqualTo(99);
    assertThat(host.get("OomScoreAdj").asInt()).isEqualTo(200);
  }

  @Test
  void deployResourcesSetTheSameLimitsAsTheServiceLevelKeys() throws Exception {
    JsonNode host =
        create(
                """
                services:
                  app:
                    image: busybox
                    deploy:
                      resources:
                        limits: {memory: 64m, cpus: "0.25", pids: 20}
                        reservations: {memory: 16m}
                """,
                "app")
            .get("HostConfig");

    assertThat(host.get("Memory").asLong()).isEqualTo(64L << 20);
    assertThat(host.get("NanoCpus").asLong()).isEqualTo(250_000_000L);
    assertThat(host.get("PidsLimit").asLong()).isEqualTo(20);
    assertThat(host.get("MemoryReservation").asLong()).isEqualTo(16L << 20);
  }

  @Test
  void unsetKeysAreLeftOutSoTheEngineAppliesItsDefaults() throws Exception {
    JsonNode request = create("services: {app: {image: busybox}}", "app");
    JsonNode host = request.get("HostConfig");

    for (String field :
        List.of(
            "ShmSize",
            "Memory",
            "NanoCpus",
            "PidsLimit",
            "Ulimits",
            "Sysctls",
            "Dns",
            "DnsSearch",
            "DnsOptions",
            "Devices",
            "SecurityOpt",
            "LogConfig",
            "Runtime",
            "Links",
            "VolumesFrom",
            "IpcMode",
            "PidMode",
            "UTSMode",
            "Tmpfs",
            "OomScoreAdj",
            "GroupAdd")) {
      assertThat(host.has(field)).as(field).isFalse();
    }
    assertThat(request.has("Domainname")).isFalse();
    assertThat(request.has("MacAddress")).isFalse();
  }

  @Test
  void kernelDnsAndDeviceKeysKeepDockersShapes() throws Exception {
    JsonNode request =
        create(
            """
            services:
              app:
                image: busybox
                domainname: example.org
                mac_address: 02:42:ac:11:00:99
                ulimits:
                  nproc: 512
                  nofile: {soft: 1024, hard: 2048}
                sysctls:
                  net.ipv4.ip_local_port_range: "20000 30000"
                dns: [10.0.0.53]
                dns_search: [corp.example]
                dns_opt: [ndots:2]
                group_add: ["1234", audio]
                devices: ["/dev/fuse", "/dev/null:/dev/mynull:r"]
                security_opt: [no-new-privileges:true]
                logging:
                  driver: json-file
                  options: {max-size: 10m}
                runtime: runc
                tmpfs: ["/run:size=1m", /tmp]
                read_only: true
                init: true
                privileged: false
                cap_add: [NET_ADMIN]
                cap_drop: [ALL]
                extra_hosts: ["gw:host-gateway", "db=10.0.0.2"]
                stop_signal: SIGINT
                stop_grace_period: 5s
                ipc: host
                pid: service:other
                uts: host
              other:
                image: busybox
            """,
            "app");
    JsonNode host = request.get("HostConfig");

    assertThat(request.get("Domainname").asText()).isEqualTo("example.org");
    assertThat(request.get("MacAddress").asText()).isEqualTo("02:42:ac:11:00:99");
    assertThat(request.get("StopSignal").asText()).isEqualTo("SIGINT");
    assertThat(request.get("StopTimeout").asInt()).isEqualTo(5);
    assertThat(host.get("Ulimits").toString())
        .isEqualTo(
            "[{\"Name\":\"nproc\",\"Soft\":512,\"Hard\":512},"
                + "{\"Name\":\"nofile\",\"Soft\":1024,\"Hard\":2048}]");
    assertThat(host.get("Sysctls").toString())
        .isEqualTo("{\"net.ipv4.ip_local_port_range\":\"20000 30000\"}");
    assertThat(host.get("Dns").toString()).isEqualTo("[\"10.0.0.53\"]");
    assertThat(host.get("DnsSearch").toString()).isEqualTo("[\"corp.example\"]");
    assertThat(host.get("DnsOptions").toString()).isEqualTo("[\"ndots:2\"]");
    assertThat(host.get("GroupAdd").toString()).isEqualTo("[\"1234\",\"audio\"]");
    assertThat(host.get("Devices").toString())
        .isEqualTo(
            "[{\"PathOnHost\":\"/dev/fuse\",\"PathInContainer\":\"/dev/fuse\","
                + "\"CgroupPermissions\":\"rwm\"},"
                + "{\"PathOnHost\":\"/dev/null\",\"PathInContainer\":\"/dev/mynull\","
                + "\"CgroupPermissions\":\"r\"}]");
    assertThat(host.get("SecurityOpt").toString()).isEqualTo("[\"no-new-privileges:true\"]");
    assertThat(host.get("LogConfig").toString())
        .isEqualTo("{\"Type\":\"json-file\",\"Config\":{\"max-size\":\"10m\"}}");
    assertThat(host.get("Runtime").asText()).isEqualTo("runc");
    assertThat(host.get("Tmpfs").get("/run").asText()).isEqualTo("size=1m");
    assertThat(host.get("Tmpfs").get("/tmp").asText()).isEmpty();
    assertThat(host.get("Mounts")).isEmpty();
    assertThat(host.get("ReadonlyRootfs").asBoolean()).isTrue();
    assertThat(host.get("Init").asBoolean()).isTrue();
    assertThat(host.has("Privileged")).isFalse();
    assertThat(host.get("CapAdd").toString()).isEqualTo("[\"NET_ADMIN\"]");
    assertThat(host.get("CapDrop").toString()).isEqualTo("[\"ALL\"]");
    assertThat(host.get("ExtraHosts").toString())
        .isEqualTo("[\"db:10.0.0.2\",\"gw:host-gateway\"]");
    assertThat(host.get("IpcMode").asText()).isEqualTo("host");
    assertThat(host.get("PidMode").asText()).isEqualTo("container:p-other-1");
    assertThat(host.get("UTSMode").asText()).isEqualTo("host");
  }

  @Test
  void aSeccompProfileFileIsSentAsItsCompactedJson(@TempDir Path dir) throws Exception {
    Path profile = dir.resolve("profile.json");
    Files.writeString(profile, "{\n  \"defaultAction\": \"SCMP_ACT_ALLOW\"\n}\n");
    JsonNode host =
        create(
                "services:\n  app:\n    image: busybox\n    security_opt: [\"seccomp:"
                    + profile
                    + "\", \"apparmor=unconfined\"]\n",
                "app")
            .get("HostConfig");

    assertThat(host.get("SecurityOpt").toString())
        .isEqualTo(
            "[\"seccomp={\\\"defaultAction\\\":\\\"SCMP_ACT_ALLOW\\\"}\",\"apparmor=unconfined\"]");
  }

  @Test
  void aSecurityOptWithoutAValueOrUnmaskingSystemPathsIsAnErrorNamingIt() {
    assertThatThrownBy(
            () -> create("services: {app: {image: busybox, security_opt: [bogus]}}", "app"))
        .hasMessageContaining("services.app.security_opt \"bogus\": expected KEY=VALUE");
    assertThatThrownBy(
            () ->
                create(
                    "services: {app: {image: busybox, security_opt: [systempaths=unconfined]}}",
                    "app"))
        .hasMessageContaining("not supported by berth yet");
  }

  @Test
  void linksNameEveryContainerOfTheLinkedServiceOnTheFirstNetwork() throws Exception {
    JsonNode request =
        create(
            """
            services:
              web:
                image: busybox
                links: [db:database, cache]
                volumes_from: [db:ro, "container:keep"]
              db:
                image: busybox
                scale: 2
              cache:
                image: busybox
            """,
            "web");

    List<String> links = List.of("p-db-1:database", "p-db-2:database", "p-cache-1:cache");
    assertThat(JSON.convertValue(request.get("HostConfig").get("Links"), List.class))
        .isEqualTo(links);
    assertThat(
            JSON.convertValue(
                request
                    .get("NetworkingConfig")
                    .get("EndpointsConfig")
                    .get("p_default")
                    .get("Links"),
                List.class))
        .isEqualTo(links);
    assertThat(request.get("HostConfig").get("VolumesFrom").toString())
        .isEqualTo("[\"p-db-1:ro\",\"keep\"]");
  }
}
