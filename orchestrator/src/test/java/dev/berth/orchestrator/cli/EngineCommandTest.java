package dev.berth.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.orchestrator.engine.IsolatedDaemon;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth engine start|status|stop} with real berthd processes on temporary roots. */
class EngineCommandTest {

  @TempDir Path temp;
  private Path root;
  private Path execRoot;
  private Path socket;

  @BeforeEach
  void paths() {
    root = temp.resolve("root");
    execRoot = temp.resolve("run");
    socket = execRoot.resolve("berth.sock");
  }

  private final IsolatedDaemon isolated = new IsolatedDaemon();

  @AfterEach
  void killWhatTheTestStarted() throws Exception {
    Optional<ProcessHandle> daemon = daemon();
    if (daemon.isPresent()) {
      daemon.get().destroyForcibly();
      daemon.get().onExit().get(10, TimeUnit.SECONDS);
    }
    isolated.removeNetworks(root, execRoot);
  }

  @Test
  void startStatusStop_runABerthdOnTheGivenRootAndStopIt() throws Exception {
    CliRun start = berth(Map.of(), "engine", "start");
    assertThat(start.exitCode()).as(start.err()).isZero();
    assertThat(start.out()).startsWith("berthd started (pid ").contains(socket.toString());
    ProcessHandle process = daemon().orElseThrow();
    assertThat(process.isAlive()).isTrue();
    assertThat(Files.readString(root.resolve("berthd.log"))).contains("starting on root " + root);

    CliRun status = berth(Map.of(), "engine", "status");
    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out())
        .contains("engine:      berthd ")
        .contains("socket:      " + socket)
        .contains("root:        " + root)
        .contains("pid:         " + process.pid())
        .containsPattern("oci runtime: (crun|runc)")
        .contains("host lacks:");

    CliRun again = berth(Map.of(), "engine", "start");
    assertThat(again.out()).startsWith("an engine already answers on " + socket);

    CliRun stop = berth(Map.of(), "engine", "stop");
    assertThat(stop.exitCode()).as(stop.err()).isZero();
    assertThat(stop.out()).isEqualTo("berthd (pid " + process.pid() + ") stopped\n");
    assertThat(process.isAlive()).isFalse();
    assertThat(socket).doesNotExist();
  }

  @Test
  void up_ofAProjectThatDoesNotLoad_startsNoBerthd() throws Exception {
    // the engine connection begins while the project loads (EarlyEngine), but only to an engine
    // that answers already: bad input must not start one
    Files.writeString(temp.resolve("compose.yaml"), "services:\n  app:\n    image: [oops]\n");

    CliRun up = berth(Map.of(), "up", "-d");

    assertThat(up.exitCode()).isEqualTo(1);
    assertThat(up.err()).contains("compose.yaml").contains("image");
    assertThat(daemon()).isEmpty();
    assertThat(socket).doesNotExist();
  }

  @Test
  void ps_withARunningBerthd_runsAndSaysWhatTheUsualConnectionSays() throws Exception {
    assertThat(berth(Map.of(), "engine", "start").exitCode()).isZero();
    Files.writeString(temp.resolve("compose.yaml"), "name: early\nservices: {}\n");

    CliRun ps = berth(Map.of("DOCKER_HOST", "unix:///nowhere.sock"), "ps");

    assertThat(ps.exitCode()).as(ps.err()).isZero();
    assertThat(ps.out()).startsWith("NAME");
    // a berthd that answers is connected early (EarlyEngine), which must print the same notices
    assertThat(ps.err()).contains("DOCKER_HOST is set but berth drives berthd");
  }

  @Test
  void startedDaemon_outlivesTheCliProcessThatStartedIt() throws Exception {
    Process cli = berthProcess("start");
    assertThat(cli.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(cli.exitValue()).as(output(cli)).isZero();

    ProcessHandle daemon = daemon().orElseThrow();
    assertThat(daemon.isAlive()).isTrue();
    assertThat(daemon.parent().map(ProcessHandle::pid)).isNotEqualTo(Optional.of(cli.pid()));
    assertThat(berth(Map.of(), "engine", "status").exitCode()).isZero();
  }

  @Test
  void twoConcurrentStarts_startOneDaemon() throws Exception {
    Process first = berthProcess("start");
    Process second = berthProcess("start");
    assertThat(first.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(second.waitFor(90, TimeUnit.SECONDS)).isTrue();
    String one = output(first);
    String two = output(second);

    assertThat(first.exitValue()).as(one).isZero();
    assertThat(second.exitValue()).as(two).isZero();
    List<String> outcomes = List.of(one.strip(), two.strip());
    assertThat(outcomes).filteredOn(o -> o.startsWith("berthd started")).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o.startsWith("an engine already answers")).hasSize(1);
    long berthds = ProcessHandle.allProcesses().filter(p -> commandLineNames(p, root)).count();
    assertThat(berthds).isEqualTo(1);
  }

  @Test
  void anyCommandNeedingTheEngine_startsBerthdOnTheDefaultSocket() throws Exception {
    Map<String, String> env = new HashMap<>(isolated.env());
    env.put("BERTH_ROOT", root.toString());
    env.put("BERTH_EXEC_ROOT", execRoot.toString());
    BerthCommand berth = new BerthCommand(HostContext.of(temp, env));
    StringWriter err = new StringWriter();
    BerthMain.commandLine(berth, "version").setErr(new PrintWriter(err)).parseArgs("version");

    try (var client = berth.engine()) {
      assertThat(client.socket()).isEqualTo(socket);
      assertThat(client.version().isBerthd()).isTrue();
    }
    assertThat(err.toString())
        .startsWith("berth: started berthd (pid ")
        .contains(socket.toString());
    assertThat(daemon()).isPresent();
  }

  @Test
  void status_withNothingRunning_saysSoAndHowToStartIt() {
    CliRun status = berth(Map.of(), "engine", "status");

    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.err())
        .contains(socket.toString())
        .contains("cannot reach the engine")
        .contains("berth engine start")
        .doesNotContain("Exception");
  }

  @Test
  void stop_withNothingRunning_succeedsSayingThereWasNothing() {
    CliRun stop = berth(Map.of(), "engine", "stop");

    assertThat(stop.exitCode()).isZero();
    assertThat(stop.out()).isEqualTo("no engine answers on " + socket + ": nothing to stop\n");
  }

  @Test
  void start_whenBerthdExitsAtOnce_reportsItsExitCodeAndOutput() {
    CliRun start = berth(Map.of("BERTH_BERTHD", "/bin/false"), "engine", "start");

    assertThat(start.exitCode()).isEqualTo(1);
    assertThat(start.err())
        .contains("berthd exited with code 1 before answering on " + socket)
        .doesNotContain("Exception");
  }

  private CliRun berth(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("BERTH_ROOT", root.toString());
    env.put("BERTH_EXEC_ROOT", execRoot.toString());
    env.remove("BERTH_HOST");
    env.putAll(isolated.env());
    env.putAll(extraEnv);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        BerthMain.run(args, new PrintWriter(out), new PrintWriter(err), HostContext.of(temp, env));
    return new CliRun(code, out.toString(), err.toString());
  }

  /** {@code berth ARGS} as its own JVM, as a user would run it. */
  private Process berthProcess(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(BerthMain.class.getName());
    command.addAll(
        List.of("engine", "--root", root.toString(), "--exec-root", execRoot.toString()));
    command.addAll(List.of(args));
    // standard error only in assertion messages: the test class path's slf4j warns there
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectError(Files.createTempFile(temp, "stderr", ".txt").toFile());
    builder.environment().remove("BERTH_HOST");
    builder.environment().putAll(isolated.env());
    return builder.start();
  }

  private static String output(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  /** The berthd holding this test's root lock, if one runs. */
  private Optional<ProcessHandle> daemon() throws IOException {
    Path lock = root.resolve("berthd.lock");
    if (!Files.exists(lock)) {
      return Optional.empty();
    }
    String pid = Files.readString(lock).strip();
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(pid)).filter(p -> commandLineNames(p, root));
  }

  /** Whether {@code process}'s command line has {@code path} as one argument (read from /proc). */
  private static boolean commandLineNames(ProcessHandle process, Path path) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
      return List.of(new String(raw, StandardCharsets.UTF_8).split("\u0000"))
          .contains(path.toString());
    } catch (IOException e) {
      return false; // gone
    }
  }
}
