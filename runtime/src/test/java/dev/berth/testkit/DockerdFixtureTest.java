package dev.berth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerdFixtureTest {

  private static final String BRIDGE_NAME = "{{index .Options \"com.docker.network.bridge.name\"}}";

  @Test
  void findOrStart_withADaemonAnswering_usesItAndCloseLeavesItAnswering() {
    String answering = answeringDaemon();

    DockerdFixture fixture = DockerdFixture.findOrStart();
    try {
      assertThat(fixture.startedByUs()).isFalse();
      assertThat(fixture.host()).isEqualTo(answering);
    } finally {
      fixture.close();
    }
    assertThat(new DockerCli(answering).answers()).isTrue();
  }

  @Test
  void shared_isTheAnsweringDaemonAndSurvivesClose() {
    String answering = answeringDaemon();

    DockerdFixture.shared().close();

    assertThat(DockerdFixture.shared().host()).isEqualTo(answering);
    assertThat(DockerdFixture.shared().cli().answers()).isTrue();
  }

  @Test
  void docker_runsInfoThroughTheFixture() {
    HostCommand.Result info =
        DockerdFixture.shared().docker("info", "--format", "{{.ServerVersion}} {{.OSType}}");

    assertThat(info.stdout().strip()).isNotBlank().endsWith("linux");
  }

  @Test
  void dockerDaemon_runsTheKitsBusyboxImageFromTheKitsRegistry() {
    DockerdFixture docker = DockerdFixture.shared();
    PushedImage busybox = TestImages.pushStandard(RegistryFixture.shared()).busybox();
    try {
      docker.docker("pull", "-q", busybox.reference());
      HostCommand.Result run =
          docker.docker(
              "run",
              "--rm",
              "--network",
              "none",
              busybox.reference(),
              "sh",
              "-c",
              "true && id -un && ls -ld /tmp && cat /etc/group");

      assertThat(run.stdout()).startsWith("root\ndrwxrwxrwt").contains("nobody:x:65534:");
    } finally {
      docker.cli().run(Duration.ofSeconds(30), "rmi", busybox.reference());
    }
  }

  @Test
  void startPrivate_runsASecondDaemonBesideTheRunningOneAndStopsOnlyIt() {
    String answering = answeringDaemon();
    HostLeakCheck.Snapshot before = HostLeakCheck.snapshot();

    DockerdFixture second = DockerdFixture.startPrivate();
    Path dir = Path.of(second.host().substring("unix://".length())).getParent();
    String bridge;
    try {
      assertThat(second.startedByUs()).isTrue();
      assertThat(second.host()).isNotEqualTo(answering);
      assertThat(second.docker("info", "--format", "{{.DockerRootDir}}").stdout())
          .startsWith(dir.toString());
      bridge =
          second.docker("network", "inspect", "bridge", "--format", BRIDGE_NAME).stdout().strip();
      assertThat(bridge).startsWith("berthdk");
      assertThat(HostLeakCheck.leakedSince(before)).contains(new Leak(Leak.Kind.LINK, bridge));
    } finally {
      second.close();
    }

    assertThat(dir).doesNotExist();
    assertThat(new DockerCli(answering).answers()).isTrue();
    assertThat(iptablesRules()).doesNotContain(bridge).doesNotContain(dir.toString());
    // only what this daemon owned: other berth runs may share this host
    assertThat(HostLeakCheck.leakedSince(before))
        .noneMatch(leak -> leak.name().contains(bridge) || leak.name().contains(dir.toString()));
  }

  /** The daemon CI starts before the tests when none answers; its absence is a setup error. */
  private static String answeringDaemon() {
    return DockerdFixture.candidateHosts().stream()
        .filter(host -> new DockerCli(host).answers())
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no Docker daemon answers at "
                        + DockerdFixture.candidateHosts()
                        + "; CI starts one before the tests (see .ci/run)"));
  }

  private static String iptablesRules() {
    StringBuilder rules = new StringBuilder();
    for (String table : List.of("filter", "nat")) {
      HostCommand.runChecked(List.of("iptables-save", "-t", table), Duration.ofSeconds(10))
          .stdout()
          .lines()
          .filter(line -> line.startsWith("-A") || line.startsWith(":"))
          .map(line -> line.replaceFirst("\\s*\\[\\d+:\\d+\\]$", ""))
          .forEach(line -> rules.append(line).append('\n'));
    }
    return rules.toString();
  }
}
