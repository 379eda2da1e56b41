package dev.berth.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.runtime.server.engine.ContainerService;
import dev.berth.runtime.server.engine.ContainerServiceContract;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.runtime.server.http.ServerLog;
import dev.berth.testkit.HostCommand;
import dev.berth.testkit.HostLeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The real container service passes the contract the fake passes: real containers under crun on
 * berthd's default bridge, one engine root for the class, opened afresh (re-adopting) per test.
 */
class EngineContainerServiceContractTest extends ContainerServiceContract {
  private static Path dir;
  private static Berthd.Config config;
  private static HostLeakCheck.Snapshot before;
  private EngineServices engine;

  @BeforeAll
  static void prepareRoot() throws Exception {
    before = HostLeakCheck.snapshot();
    dir = Files.createTempDirectory("berth-contract-");
    config =
        new Berthd.Config(dir.resolve("root"), dir.resolve("exec"), null)
            .withNetwork(IsolatedBerthds.network());
    try (EngineServices engine =
        EngineServices.open(config, EventBus.withDefaults(), ServerLog.NONE)) {
      EngineBerthd.pullBusybox(engine.images());
    }
  }

  @AfterAll
  static void removeRoot() throws Exception {
    try (EngineServices engine =
        EngineServices.open(config, EventBus.withDefaults(), ServerLog.NONE)) {
      for (var network : engine.networks().networks()) {
        engine.networks().remove(network.id());
      }
    } finally {
      HostCommand.run(List.of("rm", "-rf", dir.toString()), Duration.ofSeconds(30));
    }
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(HostLeakCheck.leakedSince(before))
                    .filteredOn(
                        leak ->
                            leak.name().contains(dir.toString())
                                || leak.name().contains(config.network().bridgeName())
                                || leak.name().contains(config.network().firewallTable()))
                    .isEmpty());
  }

  @Override
  protected ContainerService newService(EventBus events) throws Exception {
    engine = EngineServices.open(config, events, ServerLog.NONE);
    return engine.service();
  }

  @Override
  protected void closeService(ContainerService service) throws Exception {
    try {
      for (var container : engine.service().list()) {
        engine.service().remove(container.id(), true, true);
      }
    } finally {
      engine.close();
    }
  }

  @org.junit.jupiter.api.Test
  void attach_showsAPartialLine_whileTheContainerStillRuns() throws Exception {
    String id =
        service.create(
            spec(java.util.Optional.empty(), false, "sh", "-c", "printf 'ready> '; sleep 30"));
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    var attachment =
        service.attach(
            id, new dev.berth.runtime.server.engine.AttachOptions(false, true, true, true, false));
    streamInBackground(attachment, out);

    service.start(id);

    awaitOutput(out, "ready> ");
    assertThat(service.inspect(id).state().running()).isTrue();
  }

  @org.junit.jupiter.api.Test
  void attach_aPartialLineWrittenBeforeTheStreamBegins_isStillDelivered() throws Exception {
    String id =
        service.create(
            spec(java.util.Optional.empty(), false, "sh", "-c", "printf 'ready> '; sleep 30"));
    var attachment =
        service.attach(
            id, new dev.berth.runtime.server.engine.AttachOptions(false, true, true, true, false));
    service.start(id);
    Thread.sleep(1000); // the prompt is in the log before the attach reads anything
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    streamInBackground(attachment, out);

    awaitOutput(out, "ready> ");
  }

  private static void streamInBackground(
      dev.berth.runtime.server.engine.ContainerAttachment attachment,
      java.io.ByteArrayOutputStream out) {
    java.util.concurrent.CompletableFuture.runAsync(
        () -> {
          try {
            attachment.stream(java.io.InputStream.nullInputStream(), out, out);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private static void awaitOutput(java.io.ByteArrayOutputStream out, String expected) {
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () ->
                assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(expected));
  }
}
