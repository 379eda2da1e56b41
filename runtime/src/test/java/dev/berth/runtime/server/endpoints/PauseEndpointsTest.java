package dev.berth.runtime.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.runtime.container.ContainerStatus;
import dev.berth.runtime.server.DockerCli;
import dev.berth.runtime.server.UnixHttp;
import dev.berth.runtime.server.engine.EngineEvent;
import dev.berth.runtime.server.engine.EventBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PauseEndpointsTest {
  private static ContainerOpsServer server;
  private static DockerCli docker;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("berth-pause-");
    server = ContainerOpsServer.start(dir);
    docker = new DockerCli(server.socket, Files.createDirectories(dir.resolve("docker-config")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void dockerPauseUnpause_freezeAndThawTheProcessesWithEvents() throws Exception {
    String id =
        server.run(
            "pause-target", "sh", "-c", "while :; do date +%s%N > /tmp/tick; sleep 0.05; done");
    Path tick = server.rootfs(id).resolve("tmp/tick");
    await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(tick));
    List<String> seen = new CopyOnWriteArrayList<>();
    try (var subscription =
        server.events.subscribe(
            e -> e.actorId().equals(id),
            Optional.empty(),
            new EventBus.Listener() {
              @Override
              public void event(EngineEvent event) {
                seen.add(event.action());
              }

              @Override
              public void closed() {}
            })) {
      DockerCli.Result pause = docker.run(null, "pause", "pause-target");
      assertThat(pause.exitCode()).as(pause.stderr()).isZero();
      assertThat(server.containers.inspect(id).status()).isEqualTo(ContainerStatus.PAUSED);
      String frozen = Files.readString(tick);
      Thread.sleep(300);
      assertThat(Files.readString(tick)).isEqualTo(frozen);

      DockerCli.Result unpause = docker.run(null, "unpause", "pause-target");
      assertThat(unpause.exitCode()).as(unpause.stderr()).isZero();
      await().atMost(Duration.ofSeconds(10)).until(() -> !Files.readString(tick).equals(frozen));
      assertThat(seen).containsExactly("pause", "unpause");
    }
  }

  @Test
  void pause_stoppedContainer_isAConflict() throws Exception {
    String done = server.run("pause-done", "true");
    server.containers.waitFor(done, Duration.ofSeconds(30));

    UnixHttp.Response response =
        UnixHttp.call(server.socket, "POST", "/containers/pause-done/pause", null);

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.body()).contains("pause-done").contains("not running");
  }

  @Test
  void unpause_runningContainer_isAConflict() throws Exception {
    server.run("unpause-running", "sleep", "600");

    UnixHttp.Response response =
        UnixHttp.call(server.socket, "POST", "/containers/unpause-running/unpause", null);

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.body()).contains("not paused");
  }
}
