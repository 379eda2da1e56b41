package dev.berth.runtime.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.health.HealthStatus;
import dev.berth.runtime.health.HealthcheckConfig;
import dev.berth.runtime.log.LogEntry;
import dev.berth.runtime.log.LogQuery;
import dev.berth.runtime.oci.LocalProcessRunner;
import dev.berth.runtime.state.FileTrees;
import dev.berth.runtime.volume.MountRequest;
import dev.berth.testkit.HostLeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The container contract, run once per OCI runtime against real crun/runc, conmon and a busybox
 * rootfs. Every test removes its containers and asserts nothing of its own is left on the host.
 */
abstract class ContainerContractTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Path root;
  private static Path image;

  private EngineRoots roots;
  private Containers containers;
  private final List<String> runtimeIds = new ArrayList<>();
  private final List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** {@code crun} or {@code runc}. */
  abstract String runtime();

  @BeforeAll
  static void buildImage() throws Exception {
    assertThat(Path.of("/usr/bin/conmon")).as("conmon must be installed").exists();
    root = Files.createTempDirectory("berth-test-");
    image = BusyboxRootfs.build(root.resolve("image"));
  }

  @AfterAll
  static void removeImage() throws Exception {
    FileTrees.deleteTree(root);
  }

  private HostLeakCheck.Snapshot before;

  @BeforeEach
  void openEngine() throws Exception {
    before = HostLeakCheck.snapshot();
    roots =
        new EngineRoots(Files.createTempDirectory(root, "s"), Files.createTempDirectory(root, "r"));
    containers = open();
  }

  private Containers open() throws EngineException, java.io.IOException {
    return Containers.open(
        ContainersConfig.of(roots, runtime()),
        new LocalProcessRunner(),
        new OverlayRootfs(),
        HostFacts.read(),
        Clock.systemUTC(),
        (id, action, detail) -> events.add(action + " " + detail));
  }

  @AfterEach
  void removeEverything() throws Exception {
    try {
      for (String id : containers.list()) {
        containers.remove(id, true, true);
      }
    } finally {
      containers.close();
    }
    assertThat(HostLeaks.under(root, runtimeIds)).isEmpty();
    // the host is shared: only what names this test's root or containers counts
    assertThat(HostLeakCheck.leakedSince(before))
        .filteredOn(
            leak ->
                leak.name().contains(root.toString())
                    || runtimeIds.stream().anyMatch(leak.name()::contains))
        .isEmpty();
    assertThat(roots.runRoot().resolve("c"))
        .satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    assertThat(roots.stateRoot().resolve("containers"))
        .satisfiesAnyOf(p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
  }

  private ContainerSpec.Builder busybox(String... command) {
    return ContainerSpec.builder(ImageConfig.ofCmd("sh"), List.of(image)).command(command);
  }

  private String run(ContainerSpec spec) throws EngineException {
    String id = containers.create(spec);
    runtimeIds.add("berth-" + id.substring(0, 12));
    containers.start(id);
    return id;
  }

  private String stdout(String id) throws EngineException {
    return containers.logs(id, LogQuery.ALL).stream()
        .filter(e -> e.stream() == LogEntry.Stream.STDOUT)
        .map(LogEntry::text)
        .collect(Collectors.joining("\n"));
  }

  @Test
  void run_exitZero_keepsStdoutAndStderrApartWithTimestamps() throws Exception {
    String id = run(busybox("sh", "-c", "echo out; echo err >&2").build());

    assertThat(containers.waitFor(id, WAIT)).isZero();
    List<LogEntry> logs = containers.logs(id, LogQuery.ALL);
    assertThat(logs)
        .extracting(LogEntry::stream, LogEntry::text)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(LogEntry.Stream.STDOUT, "out"),
            org.assertj.core.groups.Tuple.tuple(LogEntry.Stream.STDERR, "err"));
    ContainerState state = containers.inspect(id);
    assertThat(state.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(state.finishedAt().orElseThrow()).isAfterOrEqualTo(state.startedAt().orElseThrow());
  }

  @Test
  void run_exitSeven_reportsSevenAndTheEvents() throws Exception {
    String id = run(busybox("sh", "-c", "exit 7").name("seven").build());

    assertThat(containers.waitFor(id, WAIT)).isEqualTo(7);
    // As with Docker, the die event and the end of a wait are not ordered with each other.
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(events).containsSubsequence("create seven", "start ", "die 7"));
  }

  @Test
  void stop_pid1ThatCannotGetTheSignal_isKilledWithoutWaitingOutTheGracePeriod() throws Exception {
    String id = run(busybox("sleep", "1000").build());
    // past the runtime's own init (runc's is Go, which handles SIGTERM): sleep is PID 1
    await()
        .atMost(WAIT)
        .until(() -> containers.top(id).stream().anyMatch(p -> p.contains("sleep")));
    long started = System.nanoTime();

    ContainerState state = containers.stop(id, Duration.ofSeconds(60));

    assertThat(state.exitCode()).isEqualTo(137);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void stop_pid1WithAHandler_getsItsGracePeriod() throws Exception {
    String id =
        run(
            busybox(
                    "sh",
                    "-c",
                    "trap 'sleep 1; exit 5' TERM; echo ready; while true; do sleep 0.1; done")
                .build());
    await().atMost(WAIT).until(() -> stdout(id).contains("ready"));

    assertThat(containers.stop(id, Duration.ofSeconds(30)).exitCode()).isEqualTo(5);
  }

  @Test
  void stop_withInit_sigtermReachesTheChildAndExitsWith143() throws Exception {
    String id = run(busybox("sleep", "1000").init(true).build());
    await().atMost(WAIT).until(() -> containers.top(id).size() >= 2);

    assertThat(containers.top(id)).anyMatch(p -> p.contains("/dev/init"));
    assertThat(containers.stop(id, Duration.ofSeconds(20)).exitCode()).isEqualTo(143);
  }

  @Test
  void kill_sigkill_gives137() throws Exception {
    String id = run(busybox("sleep", "1000").build());

    containers.kill(id, "SIGKILL");

    assertThat(containers.waitFor(id, WAIT)).isEqualTo(137);
  }

  @Test
  void container_seesItsHostnameEnvUserAndWorkdir() throws Exception {
    String id =
        run(
            busybox("sh", "-c", "hostname; echo $GREETING; id -u; id -g; id -G; pwd; echo $HOME")
                .hostname("web-1")
                .env("GREETING=hello")
                .user("app")
                .workingDir("/srv/app")
                .build());

    assertThat(containers.waitFor(id, WAIT)).isZero();
    assertThat(stdout(id).lines())
        .containsExactly("web-1", "hello", "1000", "1000", "1000 29", "/srv/app", "/home/app");
  }

  @Test
  void container_hasDockersViewOfProcMountsAndCapabilities() throws Exception {
    String id =
        run(
            busybox(
                    "sh",
                    "-c",
                    "cat /proc/1/cmdline | tr '\\0' ' '; echo;"
                        + " grep CapEff /proc/1/status;"
                        + " grep -E ' /(sys|dev/shm|proc/sys) ' /proc/mounts;"
                        + " cat /etc/hostname; touch /x && echo writable")
                .shmSizeBytes(32 * 1024 * 1024)
                .build());

    assertThat(containers.waitFor(id, WAIT)).isZero();
    String out = stdout(id);
    assertThat(out).contains("sh -c cat /proc/1/cmdline");
    // Docker's 14 default capabilities
    assertThat(out).contains("CapEff:\t00000000a80425fb");
    assertThat(out).containsPattern("sysfs /sys sysfs ro,");
    assertThat(out).containsPattern("/dev/shm tmpfs rw,nosuid,nodev,noexec,relatime,size=32768k");
    assertThat(out).containsPattern("/proc/sys proc ro,");
    assertThat(out).contains("writable");
  }

  @Test
  void container_readOnlyRootfsWithTmpfs_refusesWritesOutsideTheTmpfs() throws Exception {
    String id =
        run(
            busybox("sh", "-c", "touch /x 2>/dev/null || echo ro; touch /scratch/y && echo tmp")
                .readOnly(true)
                .mount(MountRequest.tmpfs("/scratch", 1024 * 1024))
                .build());

    assertThat(containers.waitFor(id, WAIT)).isZero();
    assertThat(stdout(id).lines()).containsExactly("ro", "tmp");
  }

  @Test
  void container_capDropAndPrivilegedChangeTheCapabilitySet() throws Exception {
    String dropped =
        run(busybox("sh", "-c", "grep CapEff /proc/self/status").capDrop("ALL").build());
    String added =
        run(busybox("sh", "-c", "grep CapEff /proc/self/status").capAdd("NET_ADMIN").build());

    containers.waitFor(dropped, WAIT);
    containers.waitFor(added, WAIT);
    assertThat(stdout(dropped)).contains("CapEff:\t0000000000000000");
    assertThat(stdout(added)).contains("CapEff:\t00000000a80435fb");
  }

  @Test
  void limits_areAppliedInTheContainersCgroup() throws Exception {
    String id =
        run(
            busybox("sleep", "1000")
                .resources(new ResourceLimits(64L * 1024 * 1024, 0.5, 42, 0))
                .build());
    String cgroup = "berth/berth-" + id.substring(0, 12);

    assertThat(Files.readString(Path.of("/sys/fs/cgroup/memory", cgroup, "memory.limit_in_bytes")))
        .isEqualToIgnoringWhitespace("67108864");
    assertThat(Files.readString(Path.of("/sys/fs/cgroup/pids", cgroup, "pids.max")))
        .isEqualToIgnoringWhitespace("42");
    assertThat(Files.readString(Path.of("/sys/fs/cgroup/cpu", cgroup, "cpu.cfs_quota_us")))
        .isEqualToIgnoringWhitespace("50000");
    containers.kill(id, "SIGKILL");
    containers.waitFor(id, WAIT);
  }

  @Test
  void ulimit_belowTheHostsHardLimit_isApplied() throws Exception {
    String id =
        run(busybox("sh", "-c", "ulimit -n").ulimit(new Ulimit("nofile", 512, 1024)).build());

    containers.waitFor(id, WAIT);
    assertThat(stdout(id)).isEqualTo("512");
  }

  @Test
  void ulimit_aboveTheHostsHardLimit_isAClearErrorAtCreate() {
    assertThatThrownBy(
            () ->
                containers.create(
                    busybox("true").ulimit(new Ulimit("nofile", 1 << 30, 1 << 30)).build()))
        .isInstanceOf(EngineException.class)
        .hasMessageContaining("ulimits.nofile")
        .hasMessageContaining("CAP_SYS_RESOURCE");
  }

  @Test
  void oomKill_isReportedWith137() throws Exception {
    String id =
        run(
            busybox("sh", "-c", "x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo survived")
                .resources(new ResourceLimits(16L * 1024 * 1024, 0, 0, 0))
                .build());

    assertThat(containers.waitFor(id, WAIT)).isEqualTo(137);
    assertThat(containers.inspect(id).oomKilled()).isTrue();
  }

  @Test
  void exec_runsWithEnvUserWorkdirAndReturnsTheExitCode() throws Exception {
    String id = run(busybox("sleep", "1000").env("A=container").build());

    ExecResult result =
        containers.exec(
            id,
            new ExecSpec(
                List.of("sh", "-c", "echo $A $B; id -u; pwd; exit 3"),
                List.of("B=exec"),
                "app",
                "/tmp"),
            WAIT);

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout().lines()).containsExactly("container exec", "1000", "/tmp");
  }

  @Test
  void pause_freezesAndUnpauseThaws() throws Exception {
    String id = run(busybox("sleep", "1000").build());

    containers.pause(id);
    assertThat(containers.inspect(id).status()).isEqualTo(ContainerStatus.PAUSED);
    containers.unpause(id);

    assertThat(containers.exec(id, ExecSpec.of("true"), WAIT).exitCode()).isZero();
  }

  @Test
  void remove_runningWithoutForce_isAConflict() throws Exception {
    String id = run(busybox("sleep", "1000").build());

    assertThatThrownBy(() -> containers.remove(id, false, false))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
  }

  @Test
  void engineKilledWhileRunning_newEngineReportsExitCodeAndEveryLogLine() throws Exception {
    String id =
        run(
            busybox(
                    "sh",
                    "-c",
                    "while [ ! -f /tmp/go ]; do sleep 0.05; done;"
                        + " i=0; while [ $i -lt 12000 ]; do"
                        + " echo \"line $i 0123456789012345678901234567890123456789012345678901234567890123456789012345678\";"
                        + " i=$((i+1)); done; exit 7")
                .build());
    containers.close(); // the engine is gone without any cleanup
    Containers first = containers;

    Files.createFile(roots.stateRoot().resolve("containers").resolve(id).resolve("rootfs/tmp/go"));
    Thread.sleep(1500); // the container writes 1 MB and exits while no engine runs

    containers = open();
    assertThat(first).isNotSameAs(containers);
    assertThat(containers.waitFor(id, WAIT)).isEqualTo(7);
    List<String> lines = containers.logs(id, LogQuery.ALL).stream().map(LogEntry::text).toList();
    assertThat(lines).hasSize(12000);
    assertThat(lines.get(11999)).startsWith("line 11999 ");
    assertThat(String.join("\n", lines).length()).isGreaterThan(1_000_000);
  }

  @Test
  void restartPolicyOnFailure2_restartsTwiceThenStays() throws Exception {
    String id =
        run(
            busybox("sh", "-c", "echo run; exit 3")
                .restartPolicy(RestartPolicy.parse("on-failure:2"))
                .build());

    await()
        .atMost(WAIT)
        .until(
            () -> {
              ContainerState s = containers.inspect(id);
              return s.status() == ContainerStatus.EXITED && s.restartCount() == 2;
            });
    Thread.sleep(500);
    assertThat(containers.inspect(id).restartCount()).isEqualTo(2);
    assertThat(containers.inspect(id).exitCode()).isEqualTo(3);
    assertThat(stdout(id).lines()).containsExactly("run", "run", "run");
  }

  @Test
  void healthcheck_turnsHealthyThenUnhealthy() throws Exception {
    HealthcheckConfig check =
        new HealthcheckConfig(
            List.of("CMD-SHELL", "test -f /tmp/ok"),
            Duration.ofMillis(300),
            Duration.ofSeconds(5),
            Duration.ZERO,
            Duration.ofMillis(100),
            2);
    String id = run(busybox("sleep", "1000").healthcheck(check).build());
    assertThat(containers.inspect(id).health().status()).isEqualTo(HealthStatus.STARTING);

    containers.exec(id, ExecSpec.of("touch", "/tmp/ok"), WAIT);
    await()
        .atMost(WAIT)
        .until(() -> containers.inspect(id).health().status() == HealthStatus.HEALTHY);
    containers.exec(id, ExecSpec.of("rm", "/tmp/ok"), WAIT);
    await()
        .atMost(WAIT)
        .until(() -> containers.inspect(id).health().status() == HealthStatus.UNHEALTHY);

    assertThat(containers.inspect(id).health().failingStreak()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void namedVolume_isFilledFromTheImageAndOutlivesTheContainer() throws Exception {
    String first =
        run(
            busybox("sh", "-c", "cat /data/seed.txt; echo more > /data/added.txt")
                .mount(MountRequest.volume("berth-test-vol", "/data", false))
                .build());
    containers.waitFor(first, WAIT);
    containers.remove(first, false, true);

    String second =
        run(
            busybox("cat", "/data/added.txt")
                .mount(MountRequest.volume("berth-test-vol", "/data", true))
                .build());
    containers.waitFor(second, WAIT);

    assertThat(stdout(second)).isEqualTo("more");
    containers.volumes().remove("berth-test-vol");
  }

  @Test
  void bindMount_missingSourceIsCreatedAndReadOnlyIsEnforced() throws Exception {
    Path source = root.resolve("bind-" + runtime());
    String id =
        run(
            busybox("sh", "-c", "touch /in/x 2>/dev/null || echo denied")
                .mount(MountRequest.bind(source.toString(), "/in", true))
                .build());

    containers.waitFor(id, WAIT);
    assertThat(source).isDirectory();
    assertThat(stdout(id)).isEqualTo("denied");
  }

  @Test
  void logs_rotatedBySizeWhileWritingFast_loseNoLineReadOrFollowed() throws Exception {
    containers.close();
    containers =
        Containers.open(
            ContainersConfig.of(roots, runtime()).withLogLimits(64 * 1024, 1000),
            new LocalProcessRunner(),
            new OverlayRootfs(),
            HostFacts.read(),
            Clock.systemUTC(),
            ContainerEvents.NONE);
    String id =
        run(
            busybox(
                    "sh",
                    "-c",
                    "i=0; while [ $i -lt 20000 ]; do echo \"line $i\"; i=$((i+1)); done; sleep 0.3")
                .build());
    List<String> followed = new ArrayList<>();
    containers.followLogs(id, LogQuery.ALL, e -> followed.add(e.text()));

    assertThat(containers.waitFor(id, WAIT)).isZero();
    List<String> lines = containers.logs(id, LogQuery.ALL).stream().map(LogEntry::text).toList();
    for (int i = 0; i < Math.min(followed.size(), lines.size()); i++) {
      assertThat(followed.get(i)).as("followed line %d", i).isEqualTo(lines.get(i));
    }
    assertThat(followed).hasSameSizeAs(lines);
    assertThat(lines).hasSize(20000);
    for (int i = 0; i < lines.size(); i++) {
      assertThat(lines.get(i)).isEqualTo("line " + i);
    }
    Path stateDir = roots.stateRoot().resolve("containers").resolve(id);
    assertThat(stateDir.resolve("ctr.log.1")).exists();
  }

  @Test
  void followLogs_streamsUntilTheContainerExits() throws Exception {
    String id = run(busybox("sh", "-c", "echo a; sleep 0.5; echo b; sleep 0.3").build());
    List<String> seen = new ArrayList<>();

    containers.followLogs(id, LogQuery.ALL, e -> seen.add(e.text()));

    assertThat(seen).containsExactly("a", "b");
    assertThat(containers.inspect(id).status()).isEqualTo(ContainerStatus.EXITED);
  }

  @Test
  void restartPolicy_isKeptAcrossAnEngineRestart() throws Exception {
    String id =
        run(
            busybox("sh", "-c", "echo run; sleep 0.5; exit 3")
                .restartPolicy(RestartPolicy.parse("on-failure:1"))
                .build());
    containers.close();
    Thread.sleep(1000); // it exits while no engine runs

    containers = open();

    await()
        .atMost(WAIT)
        .until(
            () -> {
              ContainerState s = containers.inspect(id);
              return s.status() == ContainerStatus.EXITED && s.restartCount() == 1;
            });
    assertThat(stdout(id).lines()).containsExactly("run", "run");
  }

  @Test
  void networkNone_hasOnlyLoopback() throws Exception {
    String id = run(busybox("ls", "/sys/class/net").network(new NetworkAttachment.None()).build());

    containers.waitFor(id, WAIT);
    assertThat(stdout(id)).isEqualTo("lo");
  }

  @Test
  void tty_givesTheProcessATerminal() throws Exception {
    String id = run(busybox("sh", "-c", "tty; exit 4").tty(true).build());

    assertThat(containers.waitFor(id, WAIT)).isEqualTo(4);
    assertThat(containers.logs(id, LogQuery.ALL).get(0).text()).startsWith("/dev/pts/");
  }

  @Test
  void stdinOpen_keepsAShellWaitingOnItsInput() throws Exception {
    String id = run(busybox("sh").stdinOpen(true).stopGracePeriod(Duration.ofMillis(200)).build());

    Thread.sleep(500);
    assertThat(containers.inspect(id).status()).isEqualTo(ContainerStatus.RUNNING);
    assertThat(containers.stop(id, null).exitCode()).isEqualTo(137);
  }

  @Test
  void start_afterTheRootfsMountWentAway_mountsItAgain() throws Exception {
    String id = run(busybox("sh", "-c", "echo once >> /tmp/runs; cat /tmp/runs").build());
    containers.waitFor(id, WAIT);
    Path rootfs = roots.stateRoot().resolve("containers").resolve(id).resolve("rootfs");
    dev.berth.runtime.linux.Mounts.umount2(rootfs, 0); // what a reboot does; upper dir stays

    containers.start(id);

    assertThat(containers.waitFor(id, WAIT)).isZero();
    assertThat(stdout(id).lines()).containsExactly("once", "once", "once");
  }

  @Test
  void open_removesWhatAnUnfinishedCreateLeftBehind() throws Exception {
    String id = containers.create(busybox("true").build());
    runtimeIds.add("berth-" + id.substring(0, 12));
    Path dir = roots.stateRoot().resolve("containers").resolve(id);
    containers.close();
    Files.delete(dir.resolve("container.json")); // as if the engine died before writing it

    containers = open();

    assertThat(dir).doesNotExist();
    assertThat(containers.list()).isEmpty();
  }

  @Test
  void stop_pausedContainer_killsAndThawsIt() throws Exception {
    String id = run(busybox("sleep", "1000").build());
    containers.pause(id);

    assertThat(containers.stop(id, Duration.ofSeconds(5)).exitCode()).isEqualTo(137);
  }

  @Test
  void remove_forcedWhilePaused_thawsSoTheKillLandsAtOnce() throws Exception {
    String id = run(busybox("sleep", "1000").build());
    containers.pause(id);
    long start = System.nanoTime();

    containers.remove(id, true, true);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(containers.list()).doesNotContain(id);
  }

  @Test
  void runtime_canBeNamedByPath() throws Exception {
    String other = runtime().equals("crun") ? "/usr/sbin/runc" : "/usr/bin/crun";
    String id = run(busybox("sh", "-c", "exit 5").runtime(other).build());

    assertThat(containers.waitFor(id, WAIT)).isEqualTo(5);
  }

  @Test
  void imageVolume_getsAnAnonymousVolumeFilledFromTheImageAndRemovedWithTheContainer()
      throws Exception {
    ImageConfig withVolume =
        new ImageConfig(
            List.of(),
            List.of(),
            List.of("sh"),
            "",
            "",
            "",
            null,
            java.util.Set.of("/data"),
            java.util.Map.of());
    String id =
        run(
            ContainerSpec.builder(withVolume, List.of(image))
                .command("cat", "/data/seed.txt")
                .build());
    containers.waitFor(id, WAIT);
    assertThat(stdout(id)).isEqualTo("from the image");
    assertThat(containers.volumes().list()).hasSize(1);

    containers.remove(id, false, true);

    assertThat(containers.volumes().list()).isEmpty();
  }

  @Test
  void container_getsGeneratedEtcFilesSysctlsGroupAddAndNoNewPrivileges() throws Exception {
    String id =
        run(
            busybox(
                    "sh",
                    "-c",
                    "grep -E 'db|web' /etc/hosts; grep nameserver /etc/resolv.conf;"
                        + " cat /proc/sys/net/ipv4/ip_unprivileged_port_start;"
                        + " id -G; grep NoNewPrivs /proc/self/status")
                .hostname("web")
                .extraHost("db:10.1.2.3")
                .dns("192.0.2.53")
                .sysctl("net.ipv4.ip_unprivileged_port_start", "0")
                .groupAdd("audio", "4242")
                .noNewPrivileges(true)
                .build());

    assertThat(containers.waitFor(id, WAIT)).isZero();
    assertThat(stdout(id).lines())
        .containsExactly(
            "10.1.2.3\tdb",
            "127.0.0.1\tweb",
            "nameserver 192.0.2.53",
            "0",
            "0 29 4242",
            "NoNewPrivs:\t1");
  }

  @Test
  void privileged_getsEveryCapabilityTheHostHasAndWritableSys() throws Exception {
    String hostMask =
        Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(l -> l.startsWith("CapBnd:"))
            .findFirst()
            .orElseThrow()
            .substring("CapBnd:".length())
            .trim();
    String id =
        run(
            busybox("sh", "-c", "grep CapEff /proc/self/status; grep ' /sys ' /proc/mounts")
                .privileged(true)
                .build());

    containers.waitFor(id, WAIT);
    assertThat(stdout(id)).contains("CapEff:\t" + hostMask).containsPattern("sysfs /sys sysfs rw");
  }

  @Test
  void exec_withTty_getsATerminalAndTheExitCode() throws Exception {
    String id = run(busybox("sleep", "1000").build());

    ExecResult result =
        containers.exec(
            id,
            new ExecSpec(List.of("sh", "-c", "tty; echo hi; exit 6"), List.of(), "", "", true),
            WAIT);

    assertThat(result.exitCode()).isEqualTo(6);
    assertThat(result.stdout().lines()).hasSize(2).last().isEqualTo("hi");
    assertThat(result.stdout()).startsWith("/dev/pts/");
  }

  @Test
  void restartPolicyAlways_isNotAppliedAfterAManualStop() throws Exception {
    String id =
        run(
            busybox("sleep", "1000")
                .restartPolicy(RestartPolicy.parse("always"))
                .stopGracePeriod(Duration.ofMillis(100))
                .build());

    containers.stop(id, null);
    Thread.sleep(400);

    ContainerState state = containers.inspect(id);
    assertThat(state.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(state.restartCount()).isZero();
  }

  @Test
  void engineProcessSigkilled_containerRunsOnAndANewEngineGetsItsExitAndLogs() throws Exception {
    Path idFile = root.resolve("engine-" + runtime() + ".id");
    String script =
        "while [ ! -f /tmp/go ]; do sleep 0.05; done;"
            + " i=0; while [ $i -lt 12000 ]; do"
            + " echo \"line $i 0123456789012345678901234567890123456789012345678901234567890123456789012345678\";"
            + " i=$((i+1)); done; exit 7";
    Process engine =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                EngineProcessMain.class.getName(),
                roots.stateRoot().toString(),
                roots.runRoot().toString(),
                image.toString(),
                runtime(),
                idFile.toString(),
                script)
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("engine-" + runtime() + ".out").toFile())
            .start();
    String id;
    try {
      await().atMost(WAIT).until(() -> Files.exists(idFile) || !engine.isAlive());
      id = Files.readString(idFile);
      runtimeIds.add("berth-" + id.substring(0, 12));
    } finally {
      engine.destroyForcibly().waitFor(); // SIGKILL: no cleanup of any kind
    }
    Files.createFile(roots.stateRoot().resolve("containers").resolve(id).resolve("rootfs/tmp/go"));
    Thread.sleep(1500); // 1 MB written and exit 7 while no engine runs

    containers.close();
    containers = open();

    assertThat(containers.waitFor(id, WAIT)).isEqualTo(7);
    List<String> lines = containers.logs(id, LogQuery.ALL).stream().map(LogEntry::text).toList();
    assertThat(lines).hasSize(12000);
    assertThat(lines.get(11999)).startsWith("line 11999 ");
  }

  @Test
  void create_badOrDuplicateName_isRefusedBeforeAnythingIsMade() throws Exception {
    String id = containers.create(busybox("true").name("web-1").build());
    runtimeIds.add("berth-" + id.substring(0, 12));

    assertThatThrownBy(() -> containers.create(busybox("true").name("web-1").build()))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
    assertThatThrownBy(() -> containers.create(busybox("true").name("../x").build()))
        .hasMessageContaining("invalid container name \"../x\"");
    assertThat(containers.list()).containsExactly(id);
    assertThat(containers.inspect("web-1").id()).isEqualTo(id);
  }

  @Test
  void networkJoined_runsInTheGivenNamespaceWithItsAddressInHosts() throws Exception {
    String netns = "berth-test-" + runtime() + "-" + ProcessHandle.current().pid();
    assertThat(new ProcessBuilder("ip", "netns", "add", netns).start().waitFor()).isZero();
    try {
      // both ends inside the namespace: they go with it
      new ProcessBuilder(
              "ip", "-n", netns, "link", "add", "berthv0", "type", "veth", "peer", "name",
              "berthv1")
          .start()
          .waitFor();
      String id =
          run(
              busybox("sh", "-c", "ls /sys/class/net; grep web /etc/hosts")
                  .hostname("web")
                  .network(new NetworkAttachment.Joined(Path.of("/run/netns", netns), "10.9.8.7"))
                  .build());

      containers.waitFor(id, WAIT);
      assertThat(stdout(id).lines()).containsExactly("berthv0", "berthv1", "lo", "10.9.8.7\tweb");
    } finally {
      new ProcessBuilder("ip", "netns", "delete", netns).start().waitFor();
    }
  }

  @Test
  void open_engineKilledBetweenCreateAndStart_marksTheContainerExitedAndCleansUp()
      throws Exception {
    String id = containers.create(busybox("sleep", "1000").build());
    String runtimeId = "berth-" + id.substring(0, 12);
    runtimeIds.add(runtimeId);
    containers.close();
    // what the engine had done when it died: conmon ran create, the record says running
    ContainerPaths paths = new ContainerPaths(roots, id, runtimeId);
    dev.berth.runtime.oci.RuntimeDriver driver =
        new dev.berth.runtime.oci.RuntimeDriver(
            new dev.berth.runtime.oci.RuntimeDetector(Path.of("/sys/fs/cgroup"), roots.runRoot())
                .runtime(runtime()),
            new LocalProcessRunner());
    int pid =
        new dev.berth.runtime.oci.ConmonLauncher(
                dev.berth.runtime.oci.ConmonLauncher.defaultBinary(), new LocalProcessRunner())
            .create(driver, runtimeId, paths.monitor(), false, false);
    ContainerRecord record =
        dev.berth.runtime.state.JsonFiles.read(paths.record(), ContainerRecord.class);
    dev.berth.runtime.state.JsonFiles.write(
        paths.record(), record.running(pid, "2026-01-01T00:00:00Z"));

    containers = open();

    ContainerState state = containers.inspect(id);
    assertThat(state.status()).isEqualTo(ContainerStatus.EXITED);
    assertThat(driver.hasState(runtimeId)).isFalse();
  }

  @Test
  void create_failingAfterVolumesWereMade_removesThemAgain() throws Exception {
    ImageConfig withVolume =
        new ImageConfig(
            List.of(),
            List.of(),
            List.of("sh"),
            "",
            "",
            "",
            null,
            java.util.Set.of("/data"),
            java.util.Map.of());

    assertThatThrownBy(
            () ->
                containers.create(
                    ContainerSpec.builder(withVolume, List.of(image))
                        .ulimit(new Ulimit("nofile", 1 << 30, 1 << 30))
                        .build()))
        .hasMessageContaining("ulimits.nofile");
    assertThat(containers.volumes().list()).isEmpty();
    assertThat(containers.list()).isEmpty();
  }

  @Test
  void restart_stopsAndStartsTheSameContainerKeepingItsLogsAndFiles() throws Exception {
    String id =
        run(busybox("sh", "-c", "echo started; date >> /kept; sleep 1000").init(true).build());
    await().atMost(WAIT).until(() -> stdout(id).equals("started"));

    containers.restart(id, Duration.ofSeconds(5));

    await().atMost(WAIT).until(() -> stdout(id).equals("started\nstarted"));
    assertThat(containers.inspect(id).status()).isEqualTo(ContainerStatus.RUNNING);
    assertThat(containers.exec(id, ExecSpec.of("wc", "-l", "/kept"), WAIT).stdout())
        .startsWith("2 ");
  }
}
