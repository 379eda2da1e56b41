package dev.berth.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.oci.CapabilitySet;
import dev.berth.runtime.oci.DockerDefaults;
import dev.berth.runtime.oci.RuntimeSpec;
import dev.berth.runtime.volume.MountRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecGeneratorTest {
  private static final HostFacts HOST =
      new HostFacts(CapabilitySet.ALL, Map.of("nofile", 20000L, "nproc", -1L));
  private static final BundleInputs INPUTS =
      new BundleInputs(
          "berth-0123456789ab",
          Path.of("/s/rootfs"),
          List.of("sh"),
          List.of("PATH=/bin"),
          new ResolvedUser(0, 0, List.of(), "/root"),
          "/",
          "web",
          Path.of("/s/etc"),
          List.of(new RuntimeSpec.Mount("/data", "bind", "/v/_data", List.of("rbind"))),
          Path.of("/usr/bin/tini-static"));

  private static ContainerSpec.Builder spec() {
    return ContainerSpec.builder(ImageConfig.ofCmd("sh"), List.of(Path.of("/layer")));
  }

  private static RuntimeSpec generate(ContainerSpec spec) throws EngineException {
    return new SpecGenerator(HOST).generate(spec, INPUTS);
  }

  private static List<String> namespaceTypes(RuntimeSpec spec) {
    return spec.linux().namespaces().stream().map(RuntimeSpec.Namespace::type).toList();
  }

  @Test
  void generate_defaults_areDockers() throws Exception {
    RuntimeSpec oci = generate(spec().build());

    assertThat(namespaceTypes(oci)).containsExactly("pid", "ipc", "uts", "mount", "network");
    assertThat(oci.linux().cgroupsPath()).isEqualTo("/berth/berth-0123456789ab");
    assertThat(oci.linux().maskedPaths()).isEqualTo(DockerDefaults.MASKED_PATHS);
    assertThat(oci.process().capabilities().bounding()).isEqualTo(DockerDefaults.CAPABILITIES);
    assertThat(oci.process().capabilities().ambient()).isEmpty();
    assertThat(oci.process().rlimits()).isNull();
    assertThat(oci.mounts())
        .extracting(RuntimeSpec.Mount::destination)
        .contains("/proc", "/dev/pts", "/dev/shm", "/dev/mqueue", "/etc/hosts", "/data");
  }

  @Test
  void generate_hostNetwork_hasNoNetworkNamespaceAndJoinedUsesThePath() throws Exception {
    assertThat(namespaceTypes(generate(spec().network(new NetworkAttachment.Host()).build())))
        .doesNotContain("network");
    RuntimeSpec joined =
        generate(
            spec()
                .network(new NetworkAttachment.Joined(Path.of("/run/berth/netns/x"), "10.0.0.2"))
                .build());
    assertThat(joined.linux().namespaces())
        .contains(new RuntimeSpec.Namespace("network", "/run/berth/netns/x"));
  }

  @Test
  void generate_init_runsTiniAsPid1WithTheCommand() throws Exception {
    RuntimeSpec oci = generate(spec().init(true).build());

    assertThat(oci.process().args()).containsExactly("/dev/init", "--", "sh");
    assertThat(oci.mounts())
        .contains(
            new RuntimeSpec.Mount(
                "/dev/init", "bind", "/usr/bin/tini-static", List.of("bind", "ro", "nosuid")));
  }

  @Test
  void generate_privileged_dropsMasksAndAllowsAllDevices() throws Exception {
    RuntimeSpec oci = generate(spec().privileged(true).build());

    assertThat(oci.linux().maskedPaths()).isNull();
    assertThat(oci.linux().readonlyPaths()).isNull();
    assertThat(oci.linux().resources().devices())
        .containsExactly(new RuntimeSpec.DeviceRule(true, null, null, null, "rwm"));
    assertThat(oci.process().capabilities().bounding()).contains("CAP_SYS_ADMIN");
  }

  @Test
  void generate_resources_becomeCgroupLimitsWithDockersSwapDefault() throws Exception {
    RuntimeSpec.Resources r =
        generate(spec().resources(new ResourceLimits(1 << 20, 1.5, 100, 512)).build())
            .linux()
            .resources();

    assertThat(r.memory()).isEqualTo(new RuntimeSpec.Memory(1L << 20, 2L << 20));
    assertThat(r.cpu()).isEqualTo(new RuntimeSpec.Cpu(512L, 150_000L, 100_000L, null));
    assertThat(r.pids()).isEqualTo(new RuntimeSpec.Pids(100));
  }

  @Test
  void generate_shmSizeReadOnlyTmpfsAndSysctls() throws Exception {
    RuntimeSpec oci =
        generate(
            spec()
                .shmSizeBytes(1024)
                .readOnly(true)
                .sysctl("net.ipv4.ip_forward", "1")
                .noNewPrivileges(true)
                .hostname("ignored-here")
                .domainname("example.org")
                .build());

    assertThat(oci.mounts())
        .filteredOn(m -> m.destination().equals("/dev/shm"))
        .singleElement()
        .satisfies(m -> assertThat(m.options()).contains("size=1024"));
    assertThat(oci.root().readonly()).isTrue();
    assertThat(oci.linux().sysctl()).containsEntry("net.ipv4.ip_forward", "1");
    assertThat(oci.process().noNewPrivileges()).isTrue();
    assertThat(oci.domainname()).isEqualTo("example.org");
  }

  @Test
  void generate_nonNamespacedSysctl_isRejected() {
    assertThatThrownBy(() -> generate(spec().sysctl("vm.swappiness", "1").build()))
        .hasMessageContaining("\"vm.swappiness\" is not namespaced");
    assertThatThrownBy(
            () ->
                generate(
                    spec()
                        .network(new NetworkAttachment.Host())
                        .sysctl("net.core.somaxconn", "1")
                        .build()))
        .hasMessageContaining("network_mode: host");
  }

  @Test
  void generate_deviceMapping_createsTheNodeAndAllowsIt() throws Exception {
    RuntimeSpec oci =
        generate(spec().device(DeviceMapping.parse("/dev/null:/dev/mynull:rw")).build());

    assertThat(oci.linux().devices())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.path()).isEqualTo("/dev/mynull");
              assertThat(d.type()).isEqualTo("c");
              assertThat(d.major()).isEqualTo(1);
              assertThat(d.minor()).isEqualTo(3);
            });
    assertThat(oci.linux().resources().devices())
        .contains(new RuntimeSpec.DeviceRule(true, "c", 1L, 3L, "rw"));
  }

  @Test
  void generate_ulimitAboveTheHostsHardLimit_namesTheKeyAndTheCause() {
    assertThatThrownBy(() -> generate(spec().ulimit(new Ulimit("nofile", 10, 65536)).build()))
        .hasMessage(
            "ulimits.nofile: hard limit 65536 exceeds this host's 20000 (raising it needs"
                + " CAP_SYS_RESOURCE)");
  }

  @Test
  void tmpfs_shortForm_parsesSizeAndMode() throws Exception {
    MountRequest tmpfs = MountRequest.parseTmpfs("/run:size=64m,mode=1777");

    assertThat(tmpfs.tmpfsSizeBytes()).isEqualTo(64L << 20);
    assertThat(tmpfs.tmpfsMode()).isEqualTo(01777);
  }
}
