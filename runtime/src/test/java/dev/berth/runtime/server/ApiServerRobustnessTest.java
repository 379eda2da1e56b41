package dev.berth.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.runtime.server.endpoints.EventsEndpoint;
import dev.berth.runtime.server.engine.EngineEvent;
import dev.berth.runtime.server.http.ApiServer;
import java.io.File;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad clients do not hurt the server: it keeps answering, and its threads and file descriptors go
 * back to where they were.
 */
class ApiServerRobustnessTest {
  @TempDir Path dir;
  private TestServer server;
  private int fdsBefore;
  private List<String> threadsBefore;

  @BeforeEach
  void start() throws Exception {
    fdsBefore = openFds();
    threadsBefore = threadNames();
    server =
        TestServer.start(
            dir,
            new ApiServer.Options(
                dir.resolve("berth.sock"),
                1 << 20,
                Duration.ofSeconds(2),
                256,
                Duration.ofSeconds(2)));
  }

  @AfterEach
  void stopAndCheckNothingLeaked() throws Exception {
    server.close();
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              assertThat(threadNames()).as("threads after stop").isSubsetOf(threadsBefore);
              assertThat(openFds()).as("open fds after stop").isLessThanOrEqualTo(fdsBefore + 2);
            });
  }

  @Test
  void twoHundredConcurrentPings_allAnswer() throws Exception {
    int busyBefore = server.server.busyThreads();
    ExecutorService clients = Executors.newFixedThreadPool(200);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> pings = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        pings.add(
            clients.submit(
                () -> {
                  go.await();
                  return UnixHttp.call(server.socket, "GET", "/_ping", null).status();
                }));
      }
      go.countDown();
      for (Future<Integer> ping : pings) {
        assertThat(ping.get(60, TimeUnit.SECONDS)).isEqualTo(200);
      }
    } finally {
      clients.shutdown();
      assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> server.server.busyThreads() <= busyBefore);
  }

  @Test
  void threeHundredOpenEventStreams_holdNoThreads_andPingsStillAnswer() throws Exception {
    int busyBefore = server.server.busyThreads();
    List<SocketChannel> streams = new ArrayList<>();
    try {
      for (int i = 0; i < 300; i++) {
        SocketChannel channel = UnixHttp.connect(server.socket);
        streams.add(channel);
        Channels.newOutputStream(channel)
            .write("GET /events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> server.events.listeners() == 300);

      assertThat(UnixHttp.call(server.socket, "GET", "/_ping", null).status()).isEqualTo(200);
      assertThat(server.server.busyThreads()).isLessThanOrEqualTo(busyBefore + 2);
      server.events.publish(new EngineEvent("container", "start", "c", Map.of(), Instant.now()));
      InputStream first = Channels.newInputStream(streams.get(0));
      assertThat(UnixHttp.readHead(first).status()).isEqualTo(200);
    } finally {
      for (SocketChannel channel : streams) {
        channel.close();
      }
    }
    server.events.publish(new EngineEvent("container", "die", "c", Map.of(), Instant.now()));
    await().atMost(Duration.ofSeconds(10)).until(() -> server.events.listeners() == 0);
  }

  @Test
  void anEventsClientThatStopsReading_isCutOffOnceTooFarBehind() throws Exception {
    int fds = openFds();
    try (SocketChannel channel = UnixHttp.connect(server.socket)) {
      Channels.newOutputStream(channel)
          .write("GET /events HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      await().atMost(Duration.ofSeconds(10)).until(() -> server.events.listeners() == 1);
      Map<String, String> bulky = Map.of("payload", "x".repeat(4096));

      for (int i = 0; i < EventsEndpoint.DEFAULT_MAX_QUEUED + 1000; i++) {
        server.events.publish(new EngineEvent("container", "start", "c" + i, bulky, Instant.now()));
      }

      await().atMost(Duration.ofSeconds(10)).until(() -> server.events.listeners() == 0);
    }
    assertThat(UnixHttp.call(server.socket, "GET", "/_ping", null).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(10)).until(() -> openFds() <= fds + 2);
  }

  @Test
  void aVanishedEventsClient_isNoticedWithoutAnyEventToWrite() throws Exception {
    int fds = openFds();
    try (SocketChannel channel = UnixHttp.connect(server.socket)) {
      Channels.newOutputStream(channel)
          .write(
              ("GET /events?filters=%7B%22container%22%3A%5B%22never%22%5D%7D HTTP/1.1\r\n"
                      + "Host: x\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      await().atMost(Duration.ofSeconds(10)).until(() -> server.events.listeners() == 1);
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> server.events.listeners() == 0 && openFds() <= fds + 2);
  }

  @Test
  void aVanishedWaitClient_releasesItsConnectionBeforeTheContainerExits() throws Exception {
    UnixHttp.call(server.socket, "POST", "/containers/create?name=idle", "{\"Image\":\"busybox\"}");
    int fds = openFds();
    try (SocketChannel channel = UnixHttp.connect(server.socket)) {
      Channels.newOutputStream(channel)
          .write(
              "POST /containers/idle/wait?condition=next-exit HTTP/1.1\r\nHost: x\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      assertThat(UnixHttp.readHead(Channels.newInputStream(channel)).status()).isEqualTo(200);
      assertThat(openFds()).isGreaterThan(fds);
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> openFds() <= fds);
    assertThat(UnixHttp.call(server.socket, "POST", "/containers/idle/start", null).status())
        .isEqualTo(204);
    await().atMost(Duration.ofSeconds(10)).until(() -> server.containers.counts().running() == 0);
    assertThat(UnixHttp.call(server.socket, "GET", "/_ping", null).status()).isEqualTo(200);
    assertThat(server.log).noneMatch(line -> line.startsWith("warn"));
  }

  @Test
  void clientsVanishingMidRequest_leaveTheServerServing() throws Exception {
    int busyBefore = server.server.busyThreads();
    int fds = openFds();

    for (int i = 0; i < 20; i++) {
      sendAndVanish("GET /_pi");
      sendAndVanish(
          "POST /containers/create HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"Im");
      sendAndVanish("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
    }

    assertThat(UnixHttp.call(server.socket, "GET", "/_ping", null).status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(server.server.busyThreads()).isLessThanOrEqualTo(busyBefore);
              assertThat(server.events.listeners()).isZero();
              assertThat(openFds()).isLessThanOrEqualTo(fds + 2);
            });
  }

  @Test
  void aClientVanishingFromAHijackedAttach_endsItsSession() throws Exception {
    int busyBefore = server.server.busyThreads();
    String created =
        UnixHttp.call(
                server.socket,
                "POST",
                "/containers/create",
                "{\"Image\":\"busybox\",\"Cmd\":[\"cat\"],\"OpenStdin\":true}")
            .body();
    String id = created.replaceAll("(?s).*\"Id\":\"([0-9a-f]+)\".*", "$1").strip();
    try (SocketChannel channel = UnixHttp.connect(server.socket)) {
      Channels.newOutputStream(channel)
          .write(
              ("POST /containers/"
                      + id
                      + "/attach?stream=1&stdin=1&stdout=1 HTTP/1.1\r\nHost: x\r\n"
                      + "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = Channels.newInputStream(channel);
      assertThat(UnixHttp.readHead(in).status()).isEqualTo(101);
      assertThat(
              UnixHttp.call(server.socket, "POST", "/containers/" + id + "/start", null).status())
          .isEqualTo(204);
      await().atMost(Duration.ofSeconds(10)).until(() -> server.server.busyAttachThreads() == 1);
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                server.server.busyThreads() <= busyBefore
                    && server.server.busyAttachThreads() == 0
                    && server.containers.counts().running() == 0);
    assertThat(UnixHttp.call(server.socket, "GET", "/_ping", null).status()).isEqualTo(200);
  }

  @Test
  void anIdleClient_isDisconnectedAfterTheIdleTimeout() throws Exception {
    try (SocketChannel channel = UnixHttp.connect(server.socket)) {
      Channels.newOutputStream(channel).write("GET /_ping HTTP/1.1\r\n".getBytes());
      long started = System.nanoTime();

      int read = Channels.newInputStream(channel).read();

      assertThat(read).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    } catch (java.io.IOException reset) {
      // a reset is also the server letting go
    }
    assertThat(UnixHttp.call(server.socket, "GET", "/_ping", null).status()).isEqualTo(200);
  }

  @Test
  void aQuietEventsStream_outlivesTheIdleTimeout_andTheConnectionGetsItBack() throws Exception {
    try (SocketChannel channel = UnixHttp.connect(server.socket)) {
      long until = Instant.now().getEpochSecond() + 6;
      Channels.newOutputStream(channel)
          .write(
              ("GET /events?until=" + until + " HTTP/1.1\r\nHost: x\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = Channels.newInputStream(channel);
      assertThat(UnixHttp.readHead(in).status()).isEqualTo(200);
      Thread.sleep(3000);
      server.events.publish(new EngineEvent("container", "start", "late", Map.of(), Instant.now()));

      String rest = new String(readUntilLastChunk(in), StandardCharsets.US_ASCII);
      assertThat(rest).contains("\"ID\":\"late\"");

      long started = System.nanoTime();
      assertThat(in.read()).as("idle keep-alive connection closed by the server").isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
  }

  private static byte[] readUntilLastChunk(InputStream in) throws java.io.IOException {
    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
    while (!all.toString(StandardCharsets.US_ASCII).endsWith("\r\n0\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      all.write(b);
    }
    return all.toByteArray();
  }

  @Test
  void garbage_getsA400InDockersShape() throws Exception {
    UnixHttp.Response garbage =
        UnixHttp.exchange(server.socket, new byte[] {0, 1, 2, 3, '\r', '\n', '\r', '\n'});

    assertThat(garbage.status()).isEqualTo(400);
    assertThat(garbage.body()).startsWith("{\"message\":");
    assertThat(UnixHttp.call(server.socket, "GET", "/_ping", null).status()).isEqualTo(200);
  }

  @Test
  void hugeHeaders_areRefusedAndTheServerKeepsServing() throws Exception {
    byte[] huge =
        ("GET /_ping HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(100_000) + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    try {
      assertThat(UnixHttp.exchange(server.socket, huge).status()).isEqualTo(431);
    } catch (java.net.SocketException reset) {
      // the server answered 431 and closed while the client was still sending: a reset here
    }

    assertThat(UnixHttp.call(server.socket, "GET", "/_ping", null).status()).isEqualTo(200);
  }

  private void sendAndVanish(String partial) throws Exception {
    try (SocketChannel channel = UnixHttp.connect(server.socket)) {
      Channels.newOutputStream(channel).write(partial.getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static int openFds() {
    String[] fds = new File("/proc/self/fd").list();
    return fds == null ? 0 : fds.length;
  }

  private static List<String> threadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> !name.startsWith("awaitility"))
        .sorted()
        .toList();
  }
}
