package dev.berth.runtime.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A small Docker Engine API client over a unix socket, for berthd or any Docker-compatible engine.
 * Errors come back as {@link EngineException}s whose kind follows the HTTP status.
 */
public final class EngineClient implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path socket;
  private final Duration timeout;
  private final HttpClient http;
  private volatile ApiVersion negotiated;

  private EngineClient(Path socket, Duration timeout, HttpClient http) {
    this.socket = socket;
    this.timeout = timeout;
    this.http = http;
  }

  /** A client for the engine listening on {@code socket}; close it to release its threads. */
  public static EngineClient forUnixSocket(Path socket, Duration timeout) throws EngineException {
    Objects.requireNonNull(socket, "socket");
    QueuedThreadPool threads = new QueuedThreadPool(8, 1);
    threads.setName("berth-engine-client");
    threads.setDaemon(true);
    HttpClient http = new HttpClient();
    http.setExecutor(threads);
    http.setUserAgentField(null);
    try {
      http.start();
    } catch (Exception e) {
      throw new EngineException(ErrorKind.INTERNAL, "starting the engine client: " + e, e);
    }
    return new EngineClient(socket, timeout, http);
  }

  /** The socket this client talks to. */
  public Path socket() {
    return socket;
  }

  /** {@code GET /_ping}: whether the engine answers, with its API version and OS type. */
  public Ping ping() throws EngineException {
    ContentResponse response = send(HttpMethod.GET, "/_ping");
    String version = response.getHeaders().get("Api-Version");
    if (version == null) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE, "GET /_ping: " + socket + " answered without an Api-Version");
    }
    return new Ping(
        parseVersion(version, "/_ping"),
        response.getHeaders().get("Ostype"),
        response.getHeaders().get("Server"));
  }

  /** {@code GET /version}: which engine answers, and which API versions it speaks. */
  public EngineVersion version() throws EngineException {
    String path = "/v" + apiVersion() + "/version";
    VersionTemplate template = readJson(send(HttpMethod.GET, path), VersionTemplate.class, path);
    try {
      return EngineVersion.from(template);
    } catch (IllegalArgumentException e) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE, "GET " + path + ": " + e.getMessage() + " from " + socket, e);
    }
  }

  /**
   * {@code GET /vX.YPATH} (the {@linkplain #apiVersion negotiated} version) read as the wire type
   * {@code type}, e.g. {@code get("/info", InfoTemplate.class)}.
   */
  public <T> T get(String path, Class<T> type) throws EngineException {
    String versioned = "/v" + apiVersion() + path;
    return readJson(send(HttpMethod.GET, versioned), type, versioned);
  }

  /**
   * The API version requests use: 1.44, or the engine's own if older (as the docker CLI negotiates
   * from {@code /_ping}). Pings once, on first use.
   */
  public ApiVersion apiVersion() throws EngineException {
    ApiVersion version = negotiated;
    if (version == null) {
      ApiVersion engine = ping().apiVersion();
      version = engine.compareTo(ApiVersion.CURRENT) < 0 ? engine : ApiVersion.CURRENT;
      negotiated = version;
    }
    return version;
  }

  /** The error kind an engine means by an HTTP status. */
  public static ErrorKind kindOf(int status) {
    return switch (status) {
      case 400 -> ErrorKind.INVALID_ARGUMENT;
      case 401, 403 -> ErrorKind.PERMISSION_DENIED;
      case 404 -> ErrorKind.NOT_FOUND;
      case 409 -> ErrorKind.CONFLICT;
      case 501 -> ErrorKind.UNSUPPORTED;
      case 502, 503, 504 -> ErrorKind.UNAVAILABLE;
      default -> ErrorKind.INTERNAL;
    };
  }

  private ContentResponse send(HttpMethod method, String path) throws EngineException {
    Request request =
        http.newRequest("http://berthd" + path)
            .method(method)
            .transport(new Transport.TCPUnix(socket))
            .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    ContentResponse response;
    try {
      response = request.send();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(ErrorKind.UNAVAILABLE, method + " " + path + ": interrupted", e);
    } catch (TimeoutException e) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE,
          method + " " + path + ": " + socket + " did not answer within " + timeout,
          e);
    } catch (ExecutionException e) {
      throw unreachable(method, path, e.getCause() == null ? e : e.getCause());
    }
    if (response.getStatus() >= 400) {
      throw new EngineException(
          kindOf(response.getStatus()),
          method
              + " "
              + path
              + ": engine answered "
              + response.getStatus()
              + " "
              + errorMessage(response));
    }
    return response;
  }

  private EngineException unreachable(HttpMethod method, String path, Throwable cause) {
    String why =
        cause instanceof java.net.SocketException
                || cause instanceof java.nio.file.NoSuchFileException
            ? "nothing listens there"
            : cause.toString();
    return new EngineException(
        ErrorKind.UNAVAILABLE,
        method + " " + path + ": cannot reach the engine at " + socket + ": " + why,
        cause);
  }

  private static String errorMessage(ContentResponse response) {
    try {
      ErrorTemplate error = JSON.readValue(response.getContent(), ErrorTemplate.class);
      if (error.message() != null) {
        return error.message();
      }
    } catch (IOException notJson) {
      // fall through to the raw body: the engine did not send Docker's error shape
    }
    return response.getContentAsString().strip();
  }

  private <T> T readJson(ContentResponse response, Class<T> type, String path)
      throws EngineException {
    try {
      return JSON.readValue(response.getContent(), type);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE,
          "GET " + path + ": " + socket + " answered with unreadable JSON: " + e.getMessage(),
          e);
    }
  }

  private ApiVersion parseVersion(String text, String path) throws EngineException {
    try {
      return ApiVersion.parse(text);
    } catch (IllegalArgumentException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, "GET " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      http.stop();
    } catch (Exception e) {
      // stopping only releases threads and selectors; nothing the caller could act on
    }
  }
}
