package dev.berth.runtime.server.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.berth.runtime.server.TestServer;
import dev.berth.runtime.server.UnixHttp;
import dev.berth.runtime.server.engine.EngineEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /events}: streamed JSON lines with filters, since and until. */
class EventsEndpointTest {
  @TempDir Path dir;
  private TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.start(dir);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private static EngineEvent event(String type, String action, String id, Instant time) {
    return new EngineEvent(
        type, action, id, Map.of("name", id + "-name", "image", "busybox"), time);
  }

  private static String query(String filters) {
    return URLEncoder.encode(filters, StandardCharsets.UTF_8);
  }

  @Test
  void liveEvents_matchingTheFilters_streamUntilUntil() throws Exception {
    long until = Instant.now().plusSeconds(2).getEpochSecond() + 1;
    CompletableFuture<UnixHttp.Response> stream =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return UnixHttp.call(
                    server.socket,
                    "GET",
                    "/v1.44/events?until="
                        + until
                        + "&filters="
                        + query("{\"type\":[\"container\"]}"),
                    null);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(Duration.ofSeconds(5)).until(() -> server.events.listeners() == 1);

    server.events.publish(event("container", "start", "c1", Instant.now()));
    server.events.publish(event("network", "create", "n1", Instant.now()));
    server.events.publish(event("container", "die", "c1", Instant.now()));

    UnixHttp.Response response = stream.get(10, TimeUnit.SECONDS);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().lines())
        .hasSize(2)
        .allMatch(l -> l.contains("\"Type\":\"container\""))
        .anyMatch(l -> l.contains("\"Action\":\"start\"") && l.contains("\"status\":\"start\""));
    await().atMost(Duration.ofSeconds(5)).until(() -> server.events.listeners() == 0);
  }

  @Test
  void since_replaysKeptEvents_andUntilInThePastEndsTheStream() throws Exception {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    server.events.publish(event("container", "create", "old", t0.minusSeconds(60)));
    server.events.publish(event("container", "create", "c1", t0.plusSeconds(1)));
    server.events.publish(event("container", "start", "c1", t0.plusSeconds(2)));
    server.events.publish(event("container", "die", "c1", t0.plusSeconds(10)));

    UnixHttp.Response response =
        UnixHttp.call(
            server.socket,
            "GET",
            "/events?since="
                + t0.getEpochSecond()
                + "&until="
                + (t0.getEpochSecond() + 5)
                + "&filters="
                + query("{\"event\":{\"create\":true,\"start\":true},\"container\":[\"c1\"]}"),
            null);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().lines())
        .hasSize(2)
        .allMatch(l -> l.contains("\"ID\":\"c1\""))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("\"timeNano\":" + t0.plusSeconds(1).getEpochSecond() + "000000000"));
  }

  @Test
  void labelFilters_matchKeyOrKeyAndValue() throws Exception {
    Instant now = Instant.now();
    server.events.publish(
        new EngineEvent("container", "start", "a", Map.of("com.example", "x"), now));
    server.events.publish(
        new EngineEvent("container", "start", "b", Map.of("com.example", "y"), now));

    UnixHttp.Response response =
        UnixHttp.call(
            server.socket,
            "GET",
            "/events?since=1&until="
                + (now.getEpochSecond() + 1)
                + "&filters="
                + query("{\"label\":[\"com.example=y\"]}"),
            null);

    assertThat(response.body().lines()).singleElement().asString().contains("\"ID\":\"b\"");
  }

  @Test
  void anUnknownFilter_isA400NamingIt() throws Exception {
    UnixHttp.Response response =
        UnixHttp.call(
            server.socket, "GET", "/events?filters=" + query("{\"colour\":[\"red\"]}"), null);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("invalid filter 'colour'");
  }

  @Test
  void sinceAfterUntil_isA400() throws Exception {
    UnixHttp.Response response =
        UnixHttp.call(server.socket, "GET", "/events?since=20&until=10", null);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("cannot be after until");
  }

  @Test
  void malformedFiltersOrTimes_are400s() throws Exception {
    assertThat(
            UnixHttp.call(server.socket, "GET", "/events?filters=" + query("[1]"), null).status())
        .isEqualTo(400);
    assertThat(UnixHttp.call(server.socket, "GET", "/events?since=yesterday", null).body())
        .contains("invalid since \\\"yesterday\\\"");
  }
}
