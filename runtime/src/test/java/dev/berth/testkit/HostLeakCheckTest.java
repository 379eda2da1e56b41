package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HostLeakCheckTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final String suffix =
      HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);

  @Test
  void leakedSince_reportsAVethPairANetnsFileAndItsMount_andNothingOnceRemoved() {
    HostLeakCheck.Snapshot before = HostLeakCheck.snapshot();
    String link = "berth" + suffix;
    String peer = link + "p";
    String netns = "berth-leak-" + suffix;
    try {
      run("ip", "link", "add", link, "type", "veth", "peer", "name", peer);
      run("ip", "netns", "add", netns);

      assertThat(HostLeakCheck.leakedSince(before))
          .contains(
              new Leak(Leak.Kind.LINK, link),
              new Leak(Leak.Kind.LINK, peer),
              new Leak(Leak.Kind.NETNS, "/run/netns/" + netns),
              new Leak(Leak.Kind.MOUNT, "/run/netns/" + netns));
      assertThatThrownBy(() -> HostLeakCheck.assertNothingLeakedSince(before))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("link " + link)
          .hasMessageContaining("netns /run/netns/" + netns)
          .hasMessageContaining("mount /run/netns/" + netns);
    } finally {
      HostCommand.run(List.of("ip", "link", "del", link), TIMEOUT);
      HostCommand.run(List.of("ip", "netns", "del", netns), TIMEOUT);
    }
    HostLeakCheck.awaitNothingLeakedSince(before, Duration.ofSeconds(5));
  }

  @Test
  void leakedSince_reportsACgroupAnNftTableAndAnIptablesChainNamedForBerth() throws Exception {
    HostLeakCheck.Snapshot before = HostLeakCheck.snapshot();
    Path cgroup = cgroupHierarchy().resolve("berth-leak-" + suffix);
    String table = "berth_leak_" + suffix;
    String chain = "BERTH-LEAK-" + suffix;
    try {
      Files.createDirectory(cgroup);
      run("nft", "add", "table", "inet", table);
      run("iptables", "-w", "-t", "filter", "-N", chain);

      assertThat(HostLeakCheck.leakedSince(before))
          .extracting(Leak::toString)
          .contains(
              "cgroup " + cgroup.getParent().getFileName() + ":/berth-leak-" + suffix,
              "nft_table inet " + table,
              "iptables iptables -t filter :" + chain + " -");
    } finally {
      Files.deleteIfExists(cgroup);
      HostCommand.run(List.of("nft", "delete", "table", "inet", table), TIMEOUT);
      HostCommand.run(List.of("iptables", "-w", "-t", "filter", "-X", chain), TIMEOUT);
    }
    assertThat(HostLeakCheck.leakedSince(before)).noneMatch(leak -> leak.name().contains(suffix));
  }

  @Test
  void leakedSince_reportsAConmonNamingABerthRoot_andNotOnceItIsGone() throws Exception {
    HostLeakCheck.Snapshot before = HostLeakCheck.snapshot();
    // bash's exec -a sets argv[0]; the builtin read keeps it a single process with no children
    Process lookalike =
        new ProcessBuilder(
                "bash", "-c", "exec -a conmon bash -c 'read -t 60 _' conmon /run/berth-test-leak")
            .start();
    try {
      String expected = "pid " + lookalike.pid() + ": conmon -c read -t 60 _ conmon";
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThat(HostLeakCheck.leakedSince(before))
                      .extracting(Leak::toString)
                      .anySatisfy(leak -> assertThat(leak).startsWith("process " + expected)));
    } finally {
      lookalike.destroy();
      lookalike.waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(HostLeakCheck.leakedSince(before))
        .noneMatch(leak -> leak.name().startsWith("pid " + lookalike.pid() + ":"));
  }

  @Test
  void isBerths_knowsBerthdAndRuntimesUnderBerthRootsButNotOthers() {
    assertThat(HostScanner.isBerths(List.of("java", "-cp", "x", "dev.berth.runtime.server.Main")))
        .isTrue();
    assertThat(HostScanner.isBerths(List.of("/usr/bin/crun", "--root", "/run/berth/crun", "start")))
        .isTrue();
    assertThat(HostScanner.isBerths(List.of("conmon", "-b", "/var/lib/berth/containers/1")))
        .isTrue();
    assertThat(HostScanner.isBerths(List.of("runc", "--root", "/run/docker/runtime-runc")))
        .isFalse();
    assertThat(HostScanner.isBerths(List.of("sleep", "/run/berth/x"))).isFalse();
    assertThat(HostScanner.isBerths(List.of())).isFalse();
  }

  private static Path cgroupHierarchy() {
    Path root = Path.of("/sys/fs/cgroup");
    if (Files.exists(root.resolve("cgroup.controllers"))) {
      return root;
    }
    return Files.isDirectory(root.resolve("unified"))
        ? root.resolve("unified")
        : root.resolve("pids");
  }

  private static void run(String... command) {
    HostCommand.runChecked(List.of(command), TIMEOUT);
  }
}
