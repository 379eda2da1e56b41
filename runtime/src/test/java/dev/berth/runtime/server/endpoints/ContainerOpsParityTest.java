package dev.berth.runtime.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.server.DockerCli;
import dev.berth.runtime.state.FileTrees;
import dev.berth.testkit.DockerdFixture;
import dev.berth.testkit.PushedImage;
import dev.berth.testkit.RegistryFixture;
import dev.berth.testkit.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same docker CLI scenarios for exec, cp, top and pause against berthd and dockerd (the test
 * kit's, with the kit's busybox from the local registry): exit codes and output must agree.
 */
class ContainerOpsParityTest {
  private static Path dir;
  private static ContainerOpsServer berthd;
  private static PushedImage busybox;
  private static final Map<String, DockerCli> CLI = new java.util.HashMap<>();
  private static final Map<String, String> CONTAINER = new java.util.HashMap<>();

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("berth-ops-parity-");
    berthd = ContainerOpsServer.start(dir.resolve("berthd"));
    String suffix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    berthd.run("parity-" + suffix, "sleep", "600");
    CLI.put("berthd", new DockerCli(berthd.socket, Files.createDirectories(dir.resolve("cfg1"))));
    CONTAINER.put("berthd", "parity-" + suffix);

    DockerdFixture dockerd = DockerdFixture.shared();
    busybox = TestImages.pushStandard(RegistryFixture.shared()).busybox();
    dockerd.docker("pull", "-q", busybox.reference());
    String name = "berth-ops-parity-" + suffix;
    dockerd.docker(
        "run", "-d", "--name", name, "--network", "none", busybox.reference(), "sleep", "600");
    CLI.put(
        "dockerd", new DockerCli(dockerd.socket(), Files.createDirectories(dir.resolve("cfg2"))));
    CONTAINER.put("dockerd", name);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (CONTAINER.containsKey("dockerd")) {
        DockerdFixture.shared()
            .cli()
            .run(Duration.ofSeconds(30), "rm", "-f", CONTAINER.get("dockerd"));
        DockerdFixture.shared().cli().run(Duration.ofSeconds(30), "rmi", busybox.reference());
      }
    } finally {
      if (berthd != null) {
        berthd.close();
      }
      FileTrees.deleteTree(dir);
    }
  }

  static Stream<String> engines() {
    return Stream.of("berthd", "dockerd");
  }

  private static DockerCli.Result docker(String engine, String stdin, String... args)
      throws Exception {
    String[] withName = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      withName[i] = args[i].replace("{c}", CONTAINER.get(engine));
    }
    return CLI.get(engine).run(stdin, withName);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void exec_exitCodeAndStreams(String engine) throws Exception {
    DockerCli.Result result =
        docker(engine, null, "exec", "{c}", "sh", "-c", "echo out; echo err >&2; exit 7");

    assertThat(result.exitCode()).isEqualTo(7);
    assertThat(result.stdout()).isEqualTo("out\n");
    assertThat(result.stderr()).isEqualTo("err\n");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void execInteractive_readsStdinToItsEnd(String engine) throws Exception {
    DockerCli.Result result = docker(engine, "a\nb\nc\n", "exec", "-i", "{c}", "wc", "-l");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout().strip()).isEqualTo("3");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void exec_numericUserWorkdirAndEnv(String engine) throws Exception {
    DockerCli.Result result =
        docker(
            engine,
            null,
            "exec",
            "-u",
            "65534:65534",
            "-w",
            "/tmp",
            "-e",
            "X=1 2",
            "{c}",
            "sh",
            "-c",
            "echo $(id -u):$(id -g) $(pwd) \"$X\"");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).isEqualTo("65534:65534 /tmp 1 2\n");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void execMissingProgram_failsWith126(String engine) throws Exception {
    DockerCli.Result result = docker(engine, null, "exec", "{c}", "no-such-program");

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(126);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void execUnknownUser_failsWith126NamingTheUser(String engine) throws Exception {
    DockerCli.Result result = docker(engine, null, "exec", "-u", "nosuchuser", "{c}", "true");

    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(126);
    assertThat(result.stdout() + result.stderr()).contains("nosuchuser");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void cp_fileAndDirectoryRoundTrip(String engine) throws Exception {
    Path work = Files.createDirectories(dir.resolve("cp-" + engine));
    Files.createDirectories(work.resolve("tree/sub"));
    Files.writeString(work.resolve("tree/sub/f.txt"), "nested\n");
    Files.writeString(work.resolve("one.txt"), "single\n");

    assertThat(
            docker(engine, null, "cp", work.resolve("one.txt").toString(), "{c}:/tmp/one.txt")
                .exitCode())
        .isZero();
    assertThat(docker(engine, null, "cp", work.resolve("tree").toString(), "{c}:/tmp/").exitCode())
        .isZero();
    DockerCli.Result cat =
        docker(engine, null, "exec", "{c}", "cat", "/tmp/one.txt", "/tmp/tree/sub/f.txt");
    assertThat(cat.stdout()).isEqualTo("single\nnested\n");

    Path back = work.resolve("back");
    assertThat(docker(engine, null, "cp", "{c}:/tmp/tree", back.toString()).exitCode()).isZero();
    assertThat(back.resolve("sub/f.txt")).hasContent("nested");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void cp_ownershipAndMode(String engine) throws Exception {
    Path file = Files.writeString(dir.resolve("owned-" + engine + ".txt"), "x\n");
    Files.setAttribute(file, "unix:uid", 1234);
    Files.setAttribute(file, "unix:gid", 2345);
    Files.setAttribute(file, "unix:mode", 0640);

    assertThat(docker(engine, null, "cp", file.toString(), "{c}:/tmp/owned.txt").exitCode())
        .isZero();
    DockerCli.Result plain =
        docker(engine, null, "exec", "{c}", "stat", "-c", "%u:%g %a", "/tmp/owned.txt");
    assertThat(docker(engine, null, "cp", "-a", file.toString(), "{c}:/tmp/owned-a.txt").exitCode())
        .isZero();
    DockerCli.Result archive =
        docker(engine, null, "exec", "{c}", "stat", "-c", "%u:%g %a", "/tmp/owned-a.txt");

    // the tar's owner and mode are kept, with and without -a (copyUIDGID), by both engines
    assertThat(plain.stdout()).isEqualTo("1234:2345 640\n");
    assertThat(archive.stdout()).isEqualTo("1234:2345 640\n");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void top_titles(String engine) throws Exception {
    DockerCli.Result result = docker(engine, null, "top", "{c}");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout().lines().findFirst().orElseThrow().split("\\s+"))
        .containsExactly("UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD");
    assertThat(result.stdout()).contains("sleep 600");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void pause_execRefusedUntilUnpaused(String engine) throws Exception {
    assertThat(docker(engine, null, "pause", "{c}").exitCode()).isZero();
    try {
      DockerCli.Result refused = docker(engine, null, "exec", "{c}", "true");
      assertThat(refused.exitCode()).isNotZero();
      assertThat(refused.stderr()).containsIgnoringCase("paused");
    } finally {
      assertThat(docker(engine, null, "unpause", "{c}").exitCode()).isZero();
    }
    assertThat(docker(engine, null, "exec", "{c}", "true").exitCode()).isZero();
  }
}
