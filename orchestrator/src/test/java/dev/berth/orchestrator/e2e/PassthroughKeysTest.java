package dev.berth.orchestrator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Container keys berth passes through to the engine take effect inside the container: checked from
 * /proc, the cgroup files (v1 or v2), resolv.conf, hosts and the mounts, not from inspect.
 */
class PassthroughKeysTest {

  @Test
  void resourceKernelAndDnsKeys_takeEffectInsideTheContainer() throws Exception {
    String yaml =
        """
        services:
          app:
            image: ${IMAGE}
            command: ["sh", "-c", "exec sleep 600"]
            shm_size: 32m
            ulimits:
              nofile: {soft: 1111, hard: 2222}
              nproc: 333
            mem_limit: 96m
            cpus: 0.5
            pids_limit: 77
            dns_search: [berth.test.example]
            dns_opt: [ndots:3]
            extra_hosts: ["gateway.example:10.11.12.13"]
            tmpfs: ["/scratch:size=4m"]
            read_only: true
            cap_drop: [ALL]
            sysctls:
              net.ipv4.ip_local_port_range: "40000 40100"
            stop_grace_period: 1s
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      p.berth("up", "-d").orFail();
      String c = p.name() + "-app-1";

      String limits = p.docker("exec", c, "cat", "/proc/self/limits");
      assertThat(limits).containsPattern("Max open files\\s+1111\\s+2222\\s+files");
      assertThat(limits).containsPattern("Max processes\\s+333\\s+333\\s+processes");

      assertThat(cgroup(p, c, "memory.max", "memory/memory.limit_in_bytes"))
          .isEqualTo(Long.toString(96L << 20));
      assertThat(cgroup(p, c, "pids.max", "pids/pids.max")).isEqualTo("77");
      String cpu = cgroup(p, c, "cpu.max", "cpu/cpu.cfs_quota_us");
      if (cpu.contains(" ")) {
        assertThat(cpu).isEqualTo("50000 100000");
      } else {
        assertThat(cgroup(p, c, "cpu.max", "cpu/cpu.cfs_period_us")).isEqualTo("100000");
        assertThat(cpu).isEqualTo("50000");
      }

      String resolv = p.docker("exec", c, "cat", "/etc/resolv.conf");
      assertThat(resolv).containsPattern("(?m)^search .*berth\\.test\\.example");
      assertThat(resolv).containsPattern("(?m)^options .*ndots:3");
      assertThat(p.docker("exec", c, "cat", "/etc/hosts"))
          .containsPattern("10\\.11\\.12\\.13\\s+gateway\\.example");

      // df -k: "Filesystem 1K-blocks Used Available Use% Mounted on"
      assertThat(sizeKb(p.docker("exec", c, "df", "-k", "/dev/shm"))).isEqualTo(32 * 1024);
      assertThat(sizeKb(p.docker("exec", c, "df", "-k", "/scratch"))).isEqualTo(4 * 1024);

      assertThat(p.docker("exec", c, "cat", "/proc/sys/net/ipv4/ip_local_port_range"))
          .isEqualToIgnoringWhitespace("40000 40100");
      assertThat(p.docker("exec", c, "sh", "-c", "touch /x 2>&1; echo rc=$?"))
          .contains("Read-only file system")
          .doesNotContain("rc=0");
      assertThat(p.docker("exec", c, "sh", "-c", "echo ok > /scratch/f && cat /scratch/f"))
          .isEqualTo("ok\n");
      assertThat(p.docker("exec", c, "grep", "CapEff", "/proc/self/status"))
          .containsPattern("CapEff:\\s+0+\\s");
    }
  }

  @Test
  void anOptionTheEngineRefuses_isAnErrorNamingTheServiceAndKey() {
    String yaml =
        """
        services:
          app:
            image: ${IMAGE}
            command: ["sleep", "600"]
            security_opt: ["label=level:s0:c100,c200", "no-such-option=1"]
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      ComposeRun up = p.berth("up", "-d");
      assertThat(up.exitCode()).isEqualTo(1);
      assertThat(up.err()).contains("services.app.security_opt: the engine refused it");
    }
  }

  @Test
  void aPrivateIpcNamespace_runsOnEveryEngine() throws Exception {
    String yaml =
        """
        services:
          app:
            image: ${IMAGE}
            command: ["sh", "-c", "exec sleep 600"]
            ipc: private
            stop_grace_period: 1s
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      p.berth("up", "-d").orFail();
      assertThat(p.docker("exec", p.name() + "-app-1", "echo", "up")).isEqualTo("up\n");
    }
  }

  @Test
  void aKeyOnlyDockerdDoes_runsThere_andBerthdRefusesItByName() throws Exception {
    String yaml =
        """
        services:
          app:
            image: ${IMAGE}
            command: ["sh", "-c", "exec sleep 600"]
            mem_limit: 64m
            memswap_limit: 128m
            stop_grace_period: 1s
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      ComposeRun up = p.berth("up", "-d");
      if (TestEngine.name().equals("berthd")) {
        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.err())
            .contains("services.app.memswap_limit: the engine refused it")
            .contains("HostConfig.MemorySwap");
      } else {
        up.orFail();
        assertThat(p.docker("inspect", "-f", "{{.HostConfig.MemorySwap}}", p.name() + "-app-1"))
            .isEqualTo(Long.toString(128L << 20) + "\n");
      }
    }
  }

  @Test
  void aLinkAlias_resolvesToTheLinkedContainerFromTheLinkingOneOnly() throws Exception {
    String yaml =
        """
        services:
          db:
            image: ${IMAGE}
            command: ["sh", "-c", "exec sleep 600"]
            stop_grace_period: 1s
          web:
            image: ${IMAGE}
            command: ["sh", "-c", "exec sleep 600"]
            links: ["db:database"]
            stop_grace_period: 1s
        """;
    try (ComposeProject p = ComposeProject.create(yaml)) {
      p.berth("up", "-d").orFail();
      String dbIp =
          p.docker(
                  "inspect",
                  "-f",
                  "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
                  p.name() + "-db-1")
              .strip();
      // the resolver's view (hosts file or DNS: engines differ), as the application sees it
      assertThat(resolve(p, p.name() + "-web-1", "database")).isEqualTo(dbIp);
      assertThat(resolve(p, p.name() + "-db-1", "database")).isEmpty();
    }
  }

  /** The address {@code ping} resolves {@code name} to inside {@code c}, empty when it does not. */
  private static String resolve(ComposeProject p, String c, String name) {
    String first =
        p.docker("exec", c, "sh", "-c", "ping -c1 -W1 " + name + " 2>&1 | head -n1; true");
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^PING \\S+ \\(([0-9.]+)\\)").matcher(first);
    return m.find() ? m.group(1) : "";
  }

  /** The cgroup v2 file, else the v1 one, of the container's own cgroup. */
  private static String cgroup(ComposeProject p, String c, String v2, String v1) {
    return p.docker(
            "exec",
            c,
            "sh",
            "-c",
            "cat /sys/fs/cgroup/" + v2 + " 2>/dev/null || cat /sys/fs/cgroup/" + v1)
        .strip();
  }

  private static long sizeKb(String df) {
    String[] last = df.strip().lines().reduce((a, b) -> b).orElseThrow().trim().split("\\s+");
    return Long.parseLong(last[1]);
  }
}
