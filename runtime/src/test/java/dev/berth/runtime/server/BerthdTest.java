package dev.berth.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.berth.runtime.api.EngineClient;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** berthd in process: roots, lock, log, socket, and what it serves without an engine. */
class BerthdTest {
  @TempDir Path dir;

  private final IsolatedBerthds isolated = new IsolatedBerthds();

  private Berthd.Config config(String name) {
    return isolated.config(dir.resolve(name + "/root"), dir.resolve(name + "/exec"), null);
  }

  @org.junit.jupiter.api.AfterEach
  void removeNetworks() throws Exception {
    isolated.cleanUp();
  }

  @Test
  void start_servesVersionAsBerthdOnExecRootSocket_andLogsUnderRoot() throws Exception {
    Berthd.Config config = config("a");
    try (Berthd berthd = Berthd.start(config);
        EngineClient client = EngineClient.forUnixSocket(berthd.socket(), Duration.ofSeconds(10))) {
      assertThat(berthd.socket()).isEqualTo(config.execRoot().resolve("berth.sock"));
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  java.nio.file.Files.getPosixFilePermissions(config.root())))
          .isEqualTo("rwx--x---");
      assertThat(client.version().isBerthd()).isTrue();
      assertThat(config.root().resolve(Berthd.LOCK_FILE))
          .content()
          .isEqualTo(ProcessHandle.current().pid() + "\n");
    }
    assertThat(config.root().resolve(Berthd.LOG_FILE))
        .content()
        .contains("serving the Docker Engine API on " + config.execRoot().resolve("berth.sock"))
        .contains("api: GET /_ping")
        .contains("berthd stopped; containers keep running");
    assertThat(config.execRoot().resolve("berth.sock")).doesNotExist();
  }

  @Test
  void registrySettings_showInDockerInfo_asDockerdShowsThem() throws Exception {
    Berthd.Config config =
        config("a")
            .withRegistry(
                dev.berth.runtime.registry.RegistryConfig.defaults()
                    .withInsecure(java.util.Set.of("registry.ci.internal:5000"))
                    .withMirrors(java.util.List.of("https://mirror.ci.internal")));
    try (Berthd berthd = Berthd.start(config)) {
      DockerCli docker =
          new DockerCli(
              berthd.socket(), java.nio.file.Files.createDirectories(dir.resolve("docker-config")));

      DockerCli.Result info = docker.run(null, "info");

      assertThat(info.exitCode()).as(info.stderr()).isZero();
      assertThat(info.stdout())
          .containsPattern("Insecure Registries:\\s+registry.ci.internal:5000")
          .containsPattern("Registry Mirrors:\\s+https://mirror.ci.internal/");
    }
  }

  @Test
  void endpointsNotServedYet_are501NamingTheEndpoint() throws Exception {
    try (Berthd berthd = Berthd.start(config("a"))) {
      UnixHttp.Response response = UnixHttp.call(berthd.socket(), "GET", "/v1.44/plugins", null);

      assertThat(response.status()).isEqualTo(501);
      assertThat(response.body()).contains("not implemented in berthd yet: GET /plugins");
    }
  }

  @Test
  void start_makesTheDefaultBridge_andContainerCreateAnswers() throws Exception {
    Berthd.Config config = config("a");
    try (Berthd berthd = Berthd.start(config)) {
      UnixHttp.Response response =
          UnixHttp.call(berthd.socket(), "POST", "/v1.44/containers/create", "{}");

      assertThat(response.status()).isEqualTo(400);
      assertThat(response.body()).contains("a container needs an image");
      assertThat(berthd.engine().networks().networks())
          .extracting(n -> n.spec().name(), n -> n.bridge().value())
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("bridge", config.network().bridgeName()));
      assertThat(java.nio.file.Path.of("/sys/class/net", config.network().bridgeName())).exists();
    }
  }

  @Test
  void aSecondBerthd_onTheSameRoot_failsWithConflictNamingTheFirst() throws Exception {
    Berthd.Config first = config("a");
    Berthd.Config sameRoot =
        isolated.config(first.root(), dir.resolve("other-exec"), dir.resolve("other.sock"));
    try (Berthd berthd = Berthd.start(first)) {
      assertThatThrownBy(() -> Berthd.start(sameRoot))
          .isInstanceOfSatisfying(
              EngineException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT))
          .hasMessage(
              "another berthd (pid "
                  + ProcessHandle.current().pid()
                  + ") already runs on "
                  + first.root()
                  + ": it holds "
                  + first.root().resolve(Berthd.LOCK_FILE));
      assertThat(dir.resolve("other.sock")).doesNotExist();
    }
  }

  @Test
  void twoBerthds_onSeparateRoots_runSideBySide() throws Exception {
    try (Berthd a = Berthd.start(config("a"));
        Berthd b = Berthd.start(config("b"))) {
      assertThat(UnixHttp.call(a.socket(), "GET", "/_ping", null).status()).isEqualTo(200);
      assertThat(UnixHttp.call(b.socket(), "GET", "/_ping", null).status()).isEqualTo(200);
    }
  }

  @Test
  void afterClose_theRootCanBeServedAgain_withTheSameEngineId() throws Exception {
    String firstId;
    try (Berthd berthd = Berthd.start(config("a"))) {
      firstId = info(berthd);
    }
    try (Berthd again = Berthd.start(config("a"))) {
      assertThat(info(again)).isEqualTo(firstId);
    }
  }

  @Test
  void aSocketWhereAnotherServerAnswers_failsAndReleasesTheRoot() throws Exception {
    try (TestServer other = TestServer.start(dir)) {
      Berthd.Config onTheirSocket =
          isolated.config(dir.resolve("r"), dir.resolve("e"), other.socket);
      assertThatThrownBy(() -> Berthd.start(onTheirSocket))
          .hasMessageContaining("another server answers there");
      try (Berthd berthd = Berthd.start(config("r2"))) {
        assertThat(berthd.socket()).exists();
      }
      Berthd.start(isolated.config(dir.resolve("r"), dir.resolve("e"), null)).close();
    }
  }

  @Test
  void close_withAnEventsStreamOpen_endsItAndStopsPromptly() throws Exception {
    Berthd berthd = Berthd.start(config("a"));
    java.util.concurrent.CompletableFuture<UnixHttp.Response> stream =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return UnixHttp.call(berthd.socket(), "GET", "/events", null);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(500);
    long started = System.nanoTime();

    berthd.close();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    assertThat(stream.get(10, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(200);
  }

  private static String info(Berthd berthd) throws Exception {
    String body = UnixHttp.call(berthd.socket(), "GET", "/info", null).body();
    return body.replaceAll("(?s).*\"ID\":\"([^\"]+)\".*", "$1");
  }
}
