package dev.berth.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.testkit.HostLeakCheck;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The container endpoints over berthd's socket with the real engine: shapes and statuses. */
class ContainerEndpointsEngineTest {
  private static HostLeakCheck.Snapshot before;
  private static EngineBerthd engine;

  @BeforeAll
  static void startEngine() throws Exception {
    before = HostLeakCheck.snapshot();
    engine = EngineBerthd.start();
  }

  @AfterAll
  static void stopEngine() throws Exception {
    engine.close();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(engine.leaksSince(before)).isEmpty());
  }

  @AfterEach
  void removeContainers() throws Exception {
    for (var c : engine.berthd.engine().service().list()) {
      engine.berthd.engine().service().remove(c.id(), true, true);
    }
  }

  private static UnixHttp.Response call(String method, String path, String body) throws Exception {
    return UnixHttp.call(engine.socket(), method, "/v1.44" + path, body);
  }

  private static String create(String name, String body) throws Exception {
    UnixHttp.Response created = call("POST", "/containers/create?name=" + name, body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.body().replaceAll("(?s).*\"Id\":\"([0-9a-f]{64})\".*", "$1");
  }

  @Test
  void create_ofAnUnknownImage_is404NoSuchImage_asDockerdSays() throws Exception {
    UnixHttp.Response response =
        call("POST", "/containers/create", "{\"Image\":\"nothere:1\",\"Cmd\":[\"true\"]}");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body()).isEqualTo("{\"message\":\"No such image: nothere:1\"}\n");
  }

  @Test
  void create_refusesWhatBerthdDoesNotDo_namingIt() throws Exception {
    UnixHttp.Response containerMode =
        call(
            "POST",
            "/containers/create",
            "{\"Image\":\"busybox\",\"HostConfig\":{\"NetworkMode\":\"container:x\"}}");
    UnixHttp.Response volumesFrom =
        call(
            "POST",
            "/containers/create",
            "{\"Image\":\"busybox\",\"HostConfig\":{\"VolumesFrom\":[\"other\"]}}");
    UnixHttp.Response unknownField =
        call(
            "POST",
            "/containers/create",
            "{\"Image\":\"busybox\",\"HostConfig\":{\"CpusetCpus\":\"0\"}}");
    UnixHttp.Response badBind =
        call(
            "POST",
            "/containers/create",
            "{\"Image\":\"busybox\",\"HostConfig\":{\"Binds\":[\"/tmp\"]}}");

    assertThat(containerMode.status()).isEqualTo(400);
    assertThat(containerMode.body()).contains("NetworkMode \\\"container:x\\\"");
    assertThat(volumesFrom.status()).isEqualTo(400);
    assertThat(volumesFrom.body()).contains("VolumesFrom");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.body()).contains("HostConfig.CpusetCpus");
    assertThat(badBind.status()).isEqualTo(400);
    assertThat(badBind.body()).contains("Binds");
    assertThat(engine.berthd.engine().service().list()).isEmpty();
  }

  @Test
  void create_withANameInUse_is409() throws Exception {
    create("twin", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");

    UnixHttp.Response again =
        call("POST", "/containers/create?name=twin", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("\\\"/twin\\\" is already in use");
  }

  @Test
  void lifecycle_startStopKillRestart_answersWithDockersStatuses() throws Exception {
    String id =
        create(
            "life",
            "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"trap 'exit 7' TERM; while true; do"
                + " sleep 0.1; done\"],\"Labels\":{\"tier\":\"x\"},\"StopTimeout\":5}");

    assertThat(call("POST", "/containers/life/start", null).status()).isEqualTo(204);
    assertThat(call("POST", "/containers/life/start", null).status()).isEqualTo(304);
    UnixHttp.Response listed =
        call("GET", "/containers/json?filters=%7B%22label%22%3A%5B%22tier%3Dx%22%5D%7D", null);
    assertThat(listed.body()).contains(id).contains("\"State\":\"running\"");
    assertThat(call("POST", "/containers/life/stop?t=5", null).status()).isEqualTo(204);
    assertThat(call("POST", "/containers/life/stop", null).status()).isEqualTo(304);
    UnixHttp.Response inspect = call("GET", "/containers/" + id.substring(0, 10) + "/json", null);
    assertThat(inspect.body())
        .contains("\"Status\":\"exited\"")
        .contains("\"ExitCode\":7")
        .contains("\"Name\":\"/life\"")
        .contains("\"Labels\":{\"tier\":\"x\"}");
    assertThat(call("POST", "/containers/life/kill", null).status()).isEqualTo(409);
    assertThat(call("POST", "/containers/life/restart?t=1", null).status()).isEqualTo(204);
    assertThat(call("GET", "/containers/life/json", null).body()).contains("\"Running\":true");
    assertThat(call("POST", "/containers/life/kill?signal=KILL", null).status()).isEqualTo(204);
    UnixHttp.Response waited = call("POST", "/containers/life/wait", null);
    assertThat(waited.body()).contains("\"StatusCode\":137");
    assertThat(call("GET", "/containers/json", null).body()).doesNotContain(id);
    assertThat(
            call("GET", "/containers/json?all=1&filters=%7B%22exited%22%3A%5B%22137%22%5D%7D", null)
                .body())
        .contains(id);
  }

  @Test
  void remove_running_needsForce_andPruneTakesStoppedOnes() throws Exception {
    create("runner", "{\"Image\":\"busybox\",\"Cmd\":[\"sleep\",\"30\"]}");
    String stopped = create("done", "{\"Image\":\"busybox\",\"Cmd\":[\"true\"]}");
    call("POST", "/containers/runner/start", null);

    assertThat(call("DELETE", "/containers/runner", null).status()).isEqualTo(409);
    UnixHttp.Response pruned = call("POST", "/containers/prune", null);
    assertThat(pruned.status()).isEqualTo(200);
    assertThat(pruned.body()).contains(stopped).contains("ContainersDeleted");
    assertThat(call("DELETE", "/containers/runner?force=1&v=1", null).status()).isEqualTo(204);
    assertThat(call("GET", "/containers/runner/json", null).status()).isEqualTo(404);
  }

  @Test
  void logs_withoutTty_areMultiplexedFrames_tailAndTimestampsApply() throws Exception {
    create(
        "talker",
        "{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"echo one; echo two; echo three >&2\"]}");
    call("POST", "/containers/talker/start", null);
    call("POST", "/containers/talker/wait", null);

    UnixHttp.Response all = call("GET", "/containers/talker/logs?stdout=1&stderr=1", null);
    UnixHttp.Response tail = call("GET", "/containers/talker/logs?stdout=1&stderr=1&tail=2", null);
    UnixHttp.Response stamped = call("GET", "/containers/talker/logs?stderr=1&timestamps=1", null);

    assertThat(all.status()).isEqualTo(200);
    assertThat(all.header("Content-Type")).isEqualTo("application/vnd.docker.multiplexed-stream");
    assertThat(all.body())
        .isEqualTo(
            "\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0004one\n"
                + "\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0004two\n"
                + "\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0006three\n");
    assertThat(tail.body()).contains("two\n").endsWith("three\n").doesNotContain("one");
    assertThat(stamped.body()).matches("(?s).{8}\\d{4}-\\d\\d-\\d\\dT[0-9:.]{18}Z three\n");
  }
}
