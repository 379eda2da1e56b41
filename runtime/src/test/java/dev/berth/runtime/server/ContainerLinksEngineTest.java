package dev.berth.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.network.NetworkSpec;
import dev.berth.runtime.server.engine.ContainerLinks;
import dev.berth.runtime.server.engine.EngineEvent;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.testkit.HostLeakCheck;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Connecting a running container to a network and back, as the network endpoints will. */
class ContainerLinksEngineTest {
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

  @Test
  void connect_aRunningContainer_makesItReachableByAlias_andDisconnectUndoesIt() throws Exception {
    DockerCli docker = new DockerCli(engine.socket(), Files.createTempDirectory(engine.dir, "cli"));
    var driver = engine.berthd.engine().networks();
    var service = engine.berthd.engine().service();
    String networkId = "e" + "0".repeat(55) + engine.suffix;
    driver.create(NetworkSpec.simple(networkId, "backend-" + engine.suffix));
    List<String> events = new CopyOnWriteArrayList<>();
    EventBus.Subscription subscription =
        engine
            .berthd
            .events()
            .subscribe(
                e -> e.type().equals("network"),
                Optional.empty(),
                new EventBus.Listener() {
                  @Override
                  public void event(EngineEvent event) {
                    events.add(event.action() + " " + event.attributes().get("name"));
                  }

                  @Override
                  public void closed() {}
                });
    try {
      DockerCli.Result db =
          docker.run(
              null,
              "run",
              "-d",
              "--name",
              "db",
              "busybox",
              "sh",
              "-c",
              "while true; do echo rows | nc -l -p 5432; done");
      assertThat(db.exitCode()).as(db.stderr()).isZero();
      String id = db.stdout().strip();

      service.connect(
          "db",
          networkId,
          new ContainerLinks.EndpointSettings(List.of("database"), Optional.empty()));

      assertThat(service.usingNetwork(networkId)).containsExactly(id);
      assertThat(service.inspect("db").networks())
          .containsKeys("bridge", "backend-" + engine.suffix);
      DockerCli.Result client =
          docker.run(
              null,
              "run",
              "--rm",
              "--network",
              "backend-" + engine.suffix,
              "busybox",
              "sh",
              "-c",
              "nc database 5432 </dev/null");
      assertThat(client.stdout()).as(client.stderr()).isEqualTo("rows\n");

      service.disconnect("db", networkId, false);

      assertThat(service.usingNetwork(networkId)).isEmpty();
      assertThat(service.inspect("db").networks()).containsOnlyKeys("bridge");
      assertThat(service.usingImage(service.inspect("db").imageId())).containsExactly(id);
      assertThat(events)
          .containsSubsequence(
              "connect backend-" + engine.suffix, "disconnect backend-" + engine.suffix);
    } finally {
      subscription.close();
      for (var c : service.list()) {
        service.remove(c.id(), true, true);
      }
      driver.remove(networkId);
    }
  }
}
