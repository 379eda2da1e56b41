package dev.berth.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm CLI server and its client over a real unix socket: a served command sees its client's
 * directory, environment and interrupts and returns its exit code; what must run in the client's
 * process is sent back; an idle server goes and takes its socket along, in this JVM and as the
 * process {@code berth} starts.
 */
class WarmServerTest {
  private static final String KEY = "test-build";

  @TempDir Path temp;
  private Path socket;
  private Thread server;
  private final List<Process> processes = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @BeforeEach
  void paths() {
    socket = temp.resolve("cli-test.sock");
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : processes) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    for (AutoCloseable c : closeables) {
      c.close();
    }
    if (server != null) {
      server.join(TimeUnit.SECONDS.toMillis(20));
      assertThat(server.isAlive()).as("the idle server ended").isFalse();
    }
  }

  @Test
  void aServedCommand_runsInTheClientsDirectoryAndEnvironment_asItWouldInItsOwnProcess()
      throws Exception {
    startServer(Duration.ofSeconds(1));
    Path project = Files.createDirectory(temp.resolve("project"));
    Files.writeString(
        project.resolve("compose.yaml"),
        "services:\n  web:\n    image: busybox\n    environment:\n      GREETING: ${GREETING}\n");
    Map<String, String> env = Map.of("GREETING", "hello from the client");

    Served served = serve(new String[] {"config"}, project, env);

    assertThat(served.code()).isZero();
    assertThat(served.stdout()).contains("GREETING: hello from the client");
    assertThat(served.stdout()).isEqualTo(inProcess(new String[] {"config"}, project, env).stdout);
  }

  @Test
  void aFailingCommand_returnsItsExitCodeAndError() throws Exception {
    startServer(Duration.ofSeconds(1));
    String[] args = {"-f", "missing.yaml", "config"};

    Served served = serve(args, temp, Map.of());
    InProcess expected = inProcess(args, temp, Map.of());

    assertThat(served.code()).isEqualTo(expected.code).isNotZero();
    assertThat(served.stderr()).isEqualTo(expected.stderr).contains("missing.yaml");
  }

  @Test
  void commandsThatReadStandardInput_areSentBackToRunInTheClient() throws Exception {
    startServer(Duration.ofSeconds(1));
    for (String[] args :
        List.of(
            new String[] {"-f", "-", "config"},
            new String[] {"exec", "web", "sh"},
            new String[] {"-p", "x", "run", "web"},
            new String[] {"cp", "web:/etc/hosts", "-"})) {
      assertThat(serve(args, temp, Map.of()).code()).as(String.join(" ", args)).isEqualTo(-1);
    }
  }

  @Test
  void aClientOfAnotherBuild_isSentBack() throws Exception {
    startServer(Duration.ofSeconds(1));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code =
        WarmClient.serve(
            new WarmClient.Endpoint(temp, socket, temp.resolve("berth.jar"), "another-build"),
            new String[] {"version"},
            new WarmClient.Caller(temp, Map.of(), false),
            out,
            out,
            send -> {});
    assertThat(code).isEqualTo(WarmClient.LOCAL);
    assertThat(out.size()).isZero();
  }

  @Test
  void anInterrupt_endsACommandThatDoesNotHandleIt_withExitCode130() throws Exception {
    startServer(Duration.ofSeconds(1));
    Path engine = hangingEngine();
    Files.writeString(temp.resolve("compose.yaml"), "services:\n  web:\n    image: busybox\n");
    AtomicReference<Runnable> interrupt = new AtomicReference<>();
    CompletableFuture<Served> served =
        CompletableFuture.supplyAsync(
            () ->
                serve(
                    new String[] {"--host", "unix://" + engine, "-p", "x", "ps"},
                    temp,
                    Map.of(),
                    interrupt::set));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (interrupt.get() == null && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(interrupt.get()).as("the command was taken").isNotNull();
    Thread.sleep(300); // the command is waiting for the engine now
    interrupt.get().run();
    Served result = served.get(10, TimeUnit.SECONDS);
    assertThat(result.code()).as(result.stderr()).isEqualTo(130);
  }

  @Test
  void aSecondServerForTheSameSocket_returnsAtOnce() throws Exception {
    startServer(Duration.ofSeconds(1));
    long started = System.nanoTime();
    WarmServer.serve(socket, KEY, Duration.ofMinutes(5), false);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThat(Files.exists(socket)).as("the first server's socket stays").isTrue();
  }

  @Test
  void anIdleServer_endsAndRemovesItsSocketAndPidFile() throws Exception {
    startServer(Duration.ofSeconds(1));
    server.join(TimeUnit.SECONDS.toMillis(15));
    assertThat(server.isAlive()).isFalse();
    assertThat(socket).doesNotExist();
    assertThat(WarmServer.pidFile(socket)).doesNotExist();
  }

  @Test
  void aServerWhoseSocketWasRemoved_ends() throws Exception {
    startServer(Duration.ofMinutes(5));
    Files.delete(socket);
    server.join(TimeUnit.SECONDS.toMillis(15));
    assertThat(server.isAlive()).isFalse();
  }

  @Test
  void aServerWhoseBuildWasReplaced_endsWhenIdle() throws Exception {
    Path jar = Files.writeString(temp.resolve("berth.jar"), "the first build");
    String key = WarmClient.keyOf(jar);
    assertThat(WarmServer.replaced(key)).isFalse();
    startServer(Duration.ofMinutes(5), key);
    Files.writeString(jar, "the second build, rebuilt");
    assertThat(WarmServer.replaced(key)).isTrue();
    server.join(TimeUnit.SECONDS.toMillis(15));
    assertThat(server.isAlive()).isFalse();
    assertThat(socket).doesNotExist();
    assertThat(WarmServer.replaced(KEY)).as("a key that names no jar").isFalse();
  }

  @Test
  void theServerProcess_warmsUpServesAndEndsWhenIdle() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                WarmServer.class.getName(),
                socket.toString(),
                KEY)
            .redirectErrorStream(true)
            .redirectOutput(temp.resolve("server.log").toFile());
    builder.environment().put("BERTH_WARM_IDLE", "2");
    Process process = builder.start();
    processes.add(process);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!Files.exists(socket) && process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(socket).as(Files.readString(temp.resolve("server.log"))).exists();
    assertThat(Files.readString(WarmServer.pidFile(socket)).strip())
        .isEqualTo(Long.toString(process.pid()));

    Served served = serve(new String[] {"version"}, temp, Map.of());
    assertThat(served.code()).isZero();
    assertThat(served.stdout()).startsWith("berth version ");

    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ended when idle").isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(socket).doesNotExist();
    assertThat(WarmServer.pidFile(socket)).doesNotExist();
  }

  @Test
  void theEndpointDirectory_mustBeThisUsersAndPrivate() throws Exception {
    int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    Path open = Files.createDirectory(temp.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(WarmClient.privateDirectory(open, uid)).isFalse();
    assertThat(WarmClient.privateDirectory(temp.resolve("made"), uid)).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("made"))))
        .isEqualTo("rwx------");
    assertThat(WarmClient.privateDirectory(temp.resolve("made"), uid + 1)).isFalse();
  }

  private void startServer(Duration idle) throws Exception {
    startServer(idle, KEY);
  }

  private void startServer(Duration idle, String key) throws Exception {
    server =
        new Thread(
            () -> {
              try {
                WarmServer.serve(socket, key, idle, false);
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            },
            "test-warm-server");
    server.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Files.exists(socket) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(socket).exists();
  }

  /** A unix socket that accepts connections and never answers. */
  private Path hangingEngine() throws IOException {
    Path path = temp.resolve("hang.sock");
    ServerSocketChannel engine = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    engine.bind(UnixDomainSocketAddress.of(path));
    List<SocketChannel> held = new ArrayList<>();
    Thread acceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  held.add(engine.accept());
                }
              } catch (IOException closed) {
                // the test is over
              }
            });
    acceptor.setDaemon(true);
    acceptor.start();
    closeables.add(engine);
    return path;
  }

  private record Served(int code, String stdout, String stderr) {}

  private Served serve(String[] args, Path cwd, Map<String, String> env) {
    return serve(args, cwd, env, send -> {});
  }

  private Served serve(
      String[] args, Path cwd, Map<String, String> env, WarmClient.InterruptForwarding interrupts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        WarmClient.serve(
            new WarmClient.Endpoint(temp, socket, temp.resolve("berth.jar"), KEY),
            args,
            new WarmClient.Caller(cwd, env, false),
            out,
            err,
            interrupts);
    return new Served(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private record InProcess(int code, String stdout, String stderr) {}

  private static InProcess inProcess(String[] args, Path cwd, Map<String, String> env) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        BerthMain.run(args, new PrintWriter(out), new PrintWriter(err), HostContext.of(cwd, env));
    return new InProcess(code, out.toString(), err.toString());
  }
}
