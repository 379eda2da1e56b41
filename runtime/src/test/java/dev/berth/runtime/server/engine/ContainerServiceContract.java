package dev.berth.runtime.server.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ContainerService} must do, as the API handlers rely on it. The fake runs it
 * now; the real engine's test extends it with a busybox image so the fake cannot drift.
 */
public abstract class ContainerServiceContract {
  protected EventBus events;
  protected ContainerService service;

  /** A service publishing to {@code events}, whose containers run the image {@link #image}. */
  protected abstract ContainerService newService(EventBus events) throws Exception;

  /** Stops what {@link #newService} started and removes what it left. */
  protected abstract void closeService(ContainerService service) throws Exception;

  /** An image with busybox's echo, cat and sh. */
  protected String image() {
    return "busybox";
  }

  @BeforeEach
  void startService() throws Exception {
    events = EventBus.withDefaults();
    service = newService(events);
  }

  @AfterEach
  void stopService() throws Exception {
    closeService(service);
    events.close();
  }

  protected ContainerSpec spec(Optional<String> name, boolean autoRemove, String... command) {
    return new ContainerSpec(
        name,
        image(),
        List.of(),
        List.of(command),
        List.of(),
        false,
        true,
        true,
        Map.of(),
        autoRemove);
  }

  private static ExitStatus exitOf(CompletableFuture<ExitStatus> exit) throws Exception {
    return exit.get(30, TimeUnit.SECONDS);
  }

  /** Streams an attachment on a thread of its own, as the hijacked connection does. */
  private static CompletableFuture<String[]> stream(
      ContainerAttachment attachment, InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          ByteArrayOutputStream err = new ByteArrayOutputStream();
          try {
            attachment.stream(in, out, err);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          return new String[] {
            out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)
          };
        });
  }

  private static final AttachOptions ALL = new AttachOptions(true, true, true, true, false);

  @Test
  void create_returnsAFull64HexId() throws Exception {
    assertThat(service.create(spec(Optional.empty(), false, "echo"))).matches("[0-9a-f]{64}");
  }

  @Test
  void create_withANameInUse_isConflict() throws Exception {
    service.create(spec(Optional.of("web"), false, "echo"));

    assertThatThrownBy(() -> service.create(spec(Optional.of("web"), false, "echo")))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
  }

  @Test
  void everyOperation_onAnUnknownContainer_isNotFound() {
    for (ThrowingCall call :
        List.<ThrowingCall>of(
            () -> service.start("nope"),
            () -> service.await("nope", WaitCondition.NEXT_EXIT),
            () -> service.attach("nope", ALL),
            () -> service.resize("nope", 24, 80),
            () -> service.remove("nope", true))) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              EngineException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }
  }

  @Test
  void attachThenStart_streamsStdoutAndStderrApart_thenEnds() throws Exception {
    String id = service.create(spec(Optional.of("a"), false, "sh", "-c", "echo oops >&2"));
    String echo = service.create(spec(Optional.of("b"), false, "echo", "hi"));
    CompletableFuture<String[]> errOutput =
        stream(service.attach(id, ALL), InputStream.nullInputStream());
    CompletableFuture<String[]> output =
        stream(service.attach(echo, ALL), InputStream.nullInputStream());

    service.start(id);
    service.start(echo);

    assertThat(errOutput.get(30, TimeUnit.SECONDS)).containsExactly("", "oops\n");
    assertThat(output.get(30, TimeUnit.SECONDS)).containsExactly("hi\n", "");
  }

  @Test
  void stdinsEnd_doesNotCutOffOutputThatFollows() throws Exception {
    String id = service.create(spec(Optional.empty(), false, "cat"));
    CompletableFuture<String[]> output =
        stream(
            service.attach(id, ALL),
            new ByteArrayInputStream("all of it\n".getBytes(StandardCharsets.UTF_8)));

    service.start(id);

    assertThat(output.get(30, TimeUnit.SECONDS)[0]).isEqualTo("all of it\n");
  }

  @Test
  void waitNextExit_completesWithTheExitCode() throws Exception {
    String id = service.create(spec(Optional.empty(), false, "sh", "-c", "exit 3"));
    CompletableFuture<ExitStatus> exit =
        service.await(id, WaitCondition.NEXT_EXIT).toCompletableFuture();

    service.start(id);

    assertThat(exitOf(exit).code()).isEqualTo(3);
    assertThat(exitOf(service.await(id, WaitCondition.NOT_RUNNING).toCompletableFuture()).code())
        .isEqualTo(3);
  }

  @Test
  void waitRemoved_completesOnceAutoRemoveTookTheContainer() throws Exception {
    String id = service.create(spec(Optional.empty(), true, "echo", "bye"));
    CompletableFuture<ExitStatus> removed =
        service.await(id, WaitCondition.REMOVED).toCompletableFuture();

    service.start(id);

    assertThat(exitOf(removed).code()).isZero();
    assertThatThrownBy(() -> service.start(id)).isInstanceOf(EngineException.class);
  }

  @Test
  void remove_ofARunningContainer_needsForce() throws Exception {
    String id = service.create(spec(Optional.empty(), false, "cat"));
    PipedOutputStream keepOpen = new PipedOutputStream();
    CompletableFuture<String[]> output =
        stream(service.attach(id, ALL), new PipedInputStream(keepOpen));
    service.start(id);
    await().atMost(Duration.ofSeconds(30)).until(() -> service.counts().running() == 1);

    assertThatThrownBy(() -> service.remove(id, false))
        .isInstanceOfSatisfying(
            EngineException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
    service.remove(id, true);

    output.get(30, TimeUnit.SECONDS);
    keepOpen.close();
    assertThat(service.counts().total()).isZero();
  }

  @Test
  void containers_areFoundByNameAndIdPrefix() throws Exception {
    String id = service.create(spec(Optional.of("named"), false, "echo"));

    service.await("named", WaitCondition.NOT_RUNNING);
    service.await(id.substring(0, 12), WaitCondition.NOT_RUNNING);
  }

  @Test
  void aLifecycle_publishesCreateStartDieDestroy() throws Exception {
    List<String> actions = new java.util.concurrent.CopyOnWriteArrayList<>();
    EventBus.Subscription subscription =
        events.subscribe(
            e -> e.type().equals("container"),
            Optional.empty(),
            new EventBus.Listener() {
              @Override
              public void event(EngineEvent event) {
                actions.add(event.action());
              }

              @Override
              public void closed() {}
            });
    String id = service.create(spec(Optional.of("ev"), true, "echo"));
    CompletableFuture<ExitStatus> removed =
        service.await(id, WaitCondition.REMOVED).toCompletableFuture();
    service.start(id);
    exitOf(removed);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(actions).containsExactly("create", "start", "die", "destroy"));
    subscription.close();
  }

  /** A call expected to throw. */
  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }
}
