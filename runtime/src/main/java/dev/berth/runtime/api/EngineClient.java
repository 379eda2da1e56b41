package dev.berth.runtime.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.HttpUpgrader;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Transport;
import org.eclipse.jetty.util.Callback;

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

  /** A client over {@code http}, a client {@link EngineHttp} started (tests tune it). */
  static EngineClient forUnixSocket(Path socket, Duration timeout, HttpClient http) {
    return new EngineClient(socket, timeout, http);
  }

  /** A client for the engine listening on {@code socket}; close it to release its threads. */
  public static EngineClient forUnixSocket(Path socket, Duration timeout) throws EngineException {
    Objects.requireNonNull(socket, "socket");
    return new EngineClient(socket, timeout, EngineHttp.take());
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
   * {@code GET /vX.YPATH?QUERY} read as {@code type}; for lists, pass an array type ({@code
   * ContainerSummaryTemplate[].class}).
   */
  public <T> T get(String path, Map<String, String> query, Class<T> type) throws EngineException {
    return call("GET", path, query, null, type, timeout);
  }

  /**
   * {@code POST /vX.YPATH?QUERY} with {@code body} (a wire record, or null) as JSON; reads the
   * answer as {@code type}, or ignores it when {@code type} is {@code Void.class}.
   */
  public <T> T post(String path, Map<String, String> query, Object body, Class<T> type)
      throws EngineException {
    return call("POST", path, query, body, type, timeout);
  }

  /** As {@link #post}, allowing {@code extra} time beyond the client's timeout (stop, wait). */
  public <T> T post(
      String path, Map<String, String> query, Object body, Class<T> type, Duration extra)
      throws EngineException {
    return call("POST", path, query, body, type, timeout.plus(extra));
  }

  /**
   * {@code PUT /vX.YPATH?QUERY} with a raw body of {@code contentType}, e.g. a tar archive for
   * {@code PUT /containers/{id}/archive}.
   */
  public void put(String path, Map<String, String> query, byte[] body, String contentType)
      throws EngineException {
    String versioned = versioned(path, query);
    Request request =
        newRequest(HttpMethod.PUT, versioned)
            .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .idleTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .body(new BytesRequestContent(contentType, body));
    send(request, HttpMethod.PUT, versioned);
  }

  /** {@code DELETE /vX.YPATH?QUERY}. */
  public void delete(String path, Map<String, String> query) throws EngineException {
    call("DELETE", path, query, null, Void.class, timeout);
  }

  /**
   * Opens a streamed answer ({@code GET /containers/{id}/logs?follow=1}, {@code GET /events}): the
   * status is checked before this returns; the caller reads the body and closes it. No overall
   * timeout applies.
   */
  public InputStream openStream(String method, String path, Map<String, String> query, Object body)
      throws EngineException {
    String versioned = versioned(path, query);
    return openStream(
        method,
        versioned,
        body == null
            ? null
            : new BytesRequestContent("application/json", writeJson(body, versioned)));
  }

  /**
   * As {@link #openStream(String, String, Map, Object)} with a raw body of {@code contentType} read
   * from {@code body} as it is sent ({@code POST /build} with the context as a tar).
   */
  public InputStream openStream(
      String method, String path, Map<String, String> query, InputStream body, String contentType)
      throws EngineException {
    return openStream(
        method, versioned(path, query), new InputStreamRequestContent(contentType, body));
  }

  private InputStream openStream(String method, String versioned, Request.Content content)
      throws EngineException {
    return openRequest(method, versioned, content, Map.of());
  }

  private InputStream openRequest(
      String method, String versioned, Request.Content content, Map<String, String> headers)
      throws EngineException {
    Request request =
        newRequest(HttpMethod.fromString(method), versioned).idleTimeout(0, TimeUnit.MILLISECONDS);
    if (content != null) {
      request.body(content);
    }
    if (!headers.isEmpty()) {
      request.headers(h -> headers.forEach(h::put));
    }
    InputStreamResponseListener listener = new InputStreamResponseListener();
    request.send(listener);
    Response response;
    try {
      response = listener.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(
          ErrorKind.UNAVAILABLE, method + " " + versioned + ": interrupted", e);
    } catch (TimeoutException e) {
      request.abort(e);
      throw new EngineException(
          ErrorKind.UNAVAILABLE,
          method + " " + versioned + ": " + socket + " did not answer within " + timeout,
          e);
    } catch (ExecutionException e) {
      throw unreachable(
          HttpMethod.fromString(method), versioned, e.getCause() == null ? e : e.getCause());
    }
    InputStream in = listener.getInputStream();
    if (response.getStatus() >= 400) {
      String text;
      try (in) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        text = "";
      }
      throw new EngineException(
          kindOf(response.getStatus()),
          method
              + " "
              + versioned
              + ": engine answered "
              + response.getStatus()
              + " "
              + errorMessage(text));
    }
    return in;
  }

  /**
   * {@code POST PATH} with a JSON body (or none), upgraded to a raw stream both ways ({@code
   * Upgrade: tcp}, as the docker CLI asks): for {@code /exec/{id}/start} and {@code
   * /containers/{id}/attach} with stdin. The caller closes the stream.
   */
  public RawStream hijack(String path, Map<String, String> query, Object body)
      throws EngineException {
    String versioned = versioned(path, query);
    java.util.concurrent.CompletableFuture<RawStream> upgraded =
        new java.util.concurrent.CompletableFuture<>();
    HttpUpgrader.Factory factory =
        version ->
            new HttpUpgrader() {
              @Override
              public void prepare(Request request) {}

              @Override
              public void upgrade(
                  Response response, org.eclipse.jetty.io.EndPoint endPoint, Callback callback) {
                endPoint.setIdleTimeout(0); // an exec may be silent for as long as it likes
                RawStream stream = new RawStream(endPoint, http.getExecutor());
                endPoint.upgrade(stream);
                upgraded.complete(stream);
                callback.succeeded();
              }
            };
    Request request =
        newRequest(HttpMethod.POST, versioned)
            .idleTimeout(0, TimeUnit.MILLISECONDS)
            .headers(
                h -> {
                  h.put(HttpHeader.CONNECTION, "Upgrade");
                  h.put(HttpHeader.UPGRADE, "tcp");
                })
            .attribute(HttpUpgrader.Factory.class.getName(), factory);
    if (body != null) {
      request.body(new BytesRequestContent("application/json", writeJson(body, versioned)));
    }
    BufferingResponseListener failure =
        new BufferingResponseListener() {
          @Override
          public void onComplete(org.eclipse.jetty.client.Result result) {
            if (upgraded.isDone()) {
              return;
            }
            if (result.isFailed()) {
              upgraded.completeExceptionally(result.getFailure());
            } else {
              upgraded.completeExceptionally(
                  new EngineException(
                      kindOf(result.getResponse().getStatus()),
                      "POST "
                          + versioned
                          + ": engine answered "
                          + result.getResponse().getStatus()
                          + " "
                          + errorMessage(getContentAsString())));
            }
          }
        };
    request.send(failure);
    try {
      return upgraded.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      request.abort(e);
      throw new EngineException(ErrorKind.UNAVAILABLE, "POST " + versioned + ": interrupted", e);
    } catch (TimeoutException e) {
      request.abort(e);
      throw new EngineException(
          ErrorKind.UNAVAILABLE,
          "POST " + versioned + ": " + socket + " did not answer within " + timeout,
          e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof EngineException engine) {
        throw engine;
      }
      throw unreachable(HttpMethod.POST, versioned, e.getCause() == null ? e : e.getCause());
    }
  }

  /**
   * Sends a request whose answer is a stream of JSON progress lines ({@code POST /images/create})
   * and hands each line to {@code listener}; an {@code error} line becomes an exception.
   */
  public void progress(
      String method,
      String path,
      Map<String, String> query,
      Object body,
      Consumer<ProgressTemplate> listener)
      throws EngineException {
    readProgress(method + " " + path, openStream(method, path, query, body), listener);
  }

  /**
   * As {@link #progress(String, String, Map, Object, Consumer)} without a body and with extra
   * request {@code headers} ({@code X-Registry-Auth} for a pull).
   */
  public void progress(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      Consumer<ProgressTemplate> listener)
      throws EngineException {
    readProgress(
        method + " " + path, openRequest(method, versioned(path, query), null, headers), listener);
  }

  /**
   * As {@link #progress(String, String, Map, Object, Consumer)} with a raw body of {@code
   * contentType} ({@code POST /build} with the context as a tar): {@code stream} lines go to {@code
   * listener}, an {@code error} line becomes an exception.
   */
  public void progress(
      String method,
      String path,
      Map<String, String> query,
      InputStream body,
      String contentType,
      Consumer<ProgressTemplate> listener)
      throws EngineException {
    progress(method, path, query, body, contentType, Map.of(), listener);
  }

  /** As the overload above, with extra request {@code headers} ({@code X-Registry-Config}). */
  public void progress(
      String method,
      String path,
      Map<String, String> query,
      InputStream body,
      String contentType,
      Map<String, String> headers,
      Consumer<ProgressTemplate> listener)
      throws EngineException {
    readProgress(
        method + " " + path,
        openRequest(
            method,
            versioned(path, query),
            new InputStreamRequestContent(contentType, body),
            headers),
        listener);
  }

  private static void readProgress(
      String where, InputStream stream, Consumer<ProgressTemplate> listener)
      throws EngineException {
    try (InputStream in = stream;
        var lines =
            new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        ProgressTemplate item = JSON.readValue(line, ProgressTemplate.class);
        if (item.error() != null) {
          throw new EngineException(ErrorKind.UNAVAILABLE, item.error());
        }
        listener.accept(item);
      }
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE, where + ": reading the answer: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a stream of JSON objects, one per line ({@code GET /events}), handing each to {@code
   * listener} as {@code type} until the stream ends or {@code listener} returns false.
   */
  public <T> void streamJson(
      String method,
      String path,
      Map<String, String> query,
      Class<T> type,
      java.util.function.Predicate<T> listener)
      throws EngineException {
    try (InputStream in = openStream(method, path, query, null);
        var lines =
            new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!line.isBlank() && !listener.test(JSON.readValue(line, type))) {
          return;
        }
      }
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE,
          method + " " + path + ": reading the answer: " + e.getMessage(),
          e);
    }
  }

  /**
   * Docker's {@code filters} query value for label, name or status filters: {@code
   * {"label":["com.docker.compose.project=p"]}}.
   */
  public static String filters(Map<String, List<String>> filters) {
    try {
      return JSON.writeValueAsString(filters);
    } catch (IOException e) {
      throw new IllegalArgumentException("unencodable filters " + filters, e);
    }
  }

  private <T> T call(
      String method,
      String path,
      Map<String, String> query,
      Object body,
      Class<T> type,
      Duration limit)
      throws EngineException {
    String versioned = versioned(path, query);
    HttpMethod verb = HttpMethod.fromString(method);
    // the engine may be silent for the whole limit (a wait, a stop's grace period): Jetty's idle
    // timeout (30 s unless told) must not end the request first
    Request request =
        newRequest(verb, versioned)
            .timeout(limit.toMillis(), TimeUnit.MILLISECONDS)
            .idleTimeout(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (body != null) {
      request.body(new BytesRequestContent("application/json", writeJson(body, versioned)));
    }
    ContentResponse response = send(request, verb, versioned, limit);
    if (type == Void.class || response.getContent().length == 0) {
      return null;
    }
    return readJson(response, type, versioned);
  }

  private String versioned(String path, Map<String, String> query) throws EngineException {
    StringBuilder sb = new StringBuilder("/v").append(apiVersion()).append(path);
    char sep = '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      sb.append(sep)
          .append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return sb.toString();
  }

  private static byte[] writeJson(Object body, String path) throws EngineException {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, path + ": cannot encode " + body + ": " + e, e);
    }
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

  private Request newRequest(HttpMethod method, String path) {
    return http.newRequest("http://berthd" + path)
        .method(method)
        .transport(new Transport.TCPUnix(socket));
  }

  private ContentResponse send(HttpMethod method, String path) throws EngineException {
    Request request =
        newRequest(method, path)
            .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
            .idleTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return send(request, method, path);
  }

  private ContentResponse send(Request request, HttpMethod method, String path)
      throws EngineException {
    return send(request, method, path, timeout);
  }

  private ContentResponse send(Request request, HttpMethod method, String path, Duration limit)
      throws EngineException {
    ContentResponse response;
    try {
      response = request.send();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(ErrorKind.UNAVAILABLE, method + " " + path + ": interrupted", e);
    } catch (TimeoutException e) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE,
          method + " " + path + ": " + socket + " did not answer within " + limit,
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
              + errorMessage(response.getContentAsString()));
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

  private static String errorMessage(String body) {
    try {
      ErrorTemplate error = JSON.readValue(body, ErrorTemplate.class);
      if (error != null && error.message() != null) {
        return error.message();
      }
    } catch (IOException notJson) {
      // fall through to the raw body: the engine did not send Docker's error shape
    }
    return body.strip();
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
