package dev.berth.runtime.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted registry for what docker-registry will not do on demand: bearer challenges whose blobs
 * redirect to a separate "CDN" server, answers that fail once (503, or a connection cut mid-body),
 * and blobs it does not hold (foreign layers served only by the CDN).
 */
final class FakeRegistry implements AutoCloseable {
  static final String TOKEN = "Bearer fake-token";

  private final HttpServer registry;
  private final HttpServer cdn;
  private final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
  private final Map<String, String> manifestTypes = new ConcurrentHashMap<>();
  private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
  final Set<String> registryLacks = ConcurrentHashMap.newKeySet();
  final Set<String> fail503Once = ConcurrentHashMap.newKeySet();
  final Set<String> cutOnce = ConcurrentHashMap.newKeySet();
  final Set<String> stallOnce = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.CountDownLatch closed =
      new java.util.concurrent.CountDownLatch(1);

  /** Authorization headers the CDN saw ("" when none). */
  final List<String> cdnAuthorizations = new CopyOnWriteArrayList<>();

  FakeRegistry() throws IOException {
    registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    cdn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext("/", this::registry);
    cdn.createContext("/", this::cdn);
    registry.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    cdn.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    registry.start();
    cdn.start();
  }

  String host() {
    return "127.0.0.1:" + registry.getAddress().getPort();
  }

  String cdnUrl(String digest) {
    return "http://127.0.0.1:" + cdn.getAddress().getPort() + "/cdn/" + digest + "?sig=abc";
  }

  void manifest(String reference, String mediaType, byte[] body) {
    manifests.put(reference, body);
    manifestTypes.put(reference, mediaType);
  }

  void blob(String digest, byte[] body) {
    blobs.put(digest, body);
  }

  @Override
  public void close() {
    closed.countDown();
    registry.stop(0);
    cdn.stop(0);
  }

  private void registry(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      if (path.equals("/token")) {
        send(
            x,
            200,
            "{\"token\":\"fake-token\"}".getBytes(StandardCharsets.UTF_8),
            "application/json");
        return;
      }
      if (!TOKEN.equals(x.getRequestHeaders().getFirst("Authorization"))) {
        x.getResponseHeaders()
            .add(
                "WWW-Authenticate",
                "Bearer realm=\"http://" + host() + "/token\",service=\"fake\"");
        send(
            x,
            401,
            "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
                .getBytes(),
            "application/json");
        return;
      }
      String[] parts = path.split("/");
      String last = parts[parts.length - 1];
      if (path.contains("/manifests/") && manifests.containsKey(last)) {
        send(x, 200, manifests.get(last), manifestTypes.get(last));
      } else if (path.contains("/blobs/")
          && blobs.containsKey(last)
          && !registryLacks.contains(last)) {
        if (fail503Once.remove(last)) {
          send(x, 503, new byte[0], "text/plain");
          return;
        }
        x.getResponseHeaders().add("Location", cdnUrl(last));
        send(x, 307, new byte[0], "text/plain");
      } else {
        send(
            x,
            404,
            "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"}]}"
                .getBytes(),
            "application/json");
      }
    }
  }

  private void cdn(HttpExchange x) throws IOException {
    try (x) {
      String auth = x.getRequestHeaders().getFirst("Authorization");
      cdnAuthorizations.add(auth == null ? "" : auth);
      String digest = x.getRequestURI().getPath().substring("/cdn/".length());
      byte[] body = blobs.get(digest);
      if (body == null) {
        send(x, 404, new byte[0], "text/plain");
        return;
      }
      if (stallOnce.remove(digest)) {
        x.sendResponseHeaders(200, body.length);
        x.getResponseBody().write(body, 0, body.length / 2);
        x.getResponseBody().flush();
        try {
          closed.await(20, java.util.concurrent.TimeUnit.SECONDS); // silent, connection open
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      if (cutOnce.remove(digest)) {
        x.sendResponseHeaders(200, body.length);
        x.getResponseBody().write(body, 0, body.length / 2);
        x.getResponseBody().flush();
        x.getHttpContext().getServer();
        // closing the exchange before the announced length is reached cuts the connection
        return;
      }
      send(x, 200, body, "application/octet-stream");
    }
  }

  private static void send(HttpExchange x, int status, byte[] body, String type)
      throws IOException {
    x.getResponseHeaders().add("Content-Type", type);
    x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
