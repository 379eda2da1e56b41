package dev.berth.runtime.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.runtime.api.ApiVersion;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Fields;

/** One API call as a handler sees it: the path without its version prefix, parameters, body. */
public final class ApiRequest {
  private final Request jetty;
  private final String path;
  private final ApiVersion version;
  private final Map<String, String> params;
  private final Fields query;
  private final long maxBodyBytes;

  ApiRequest(
      Request jetty,
      String path,
      ApiVersion version,
      Map<String, String> params,
      Fields query,
      long maxBodyBytes) {
    this.jetty = jetty;
    this.path = path;
    this.version = version;
    this.params = Map.copyOf(params);
    this.query = query;
    this.maxBodyBytes = maxBodyBytes;
  }

  public String method() {
    return jetty.getMethod();
  }

  /** The path without its {@code /vX.Y} prefix, e.g. {@code /containers/create}. */
  public String path() {
    return path;
  }

  /** The API version the client asked for, or {@link ApiVersion#CURRENT} for unprefixed paths. */
  public ApiVersion version() {
    return version;
  }

  /** {@code POST /containers/create}: how error messages name this call. */
  public String describe() {
    return method() + " " + path;
  }

  /** A path parameter of the route, e.g. {@code id} in {@code /containers/{id}/start}. */
  public String param(String name) {
    String value = params.get(name);
    if (value == null) {
      throw new IllegalStateException("route of " + describe() + " has no parameter " + name);
    }
    return value;
  }

  /** A query parameter's value, if given. */
  public Optional<String> query(String name) {
    return Optional.ofNullable(query.getValue(name));
  }

  /** Every value of a repeated query parameter, e.g. {@code names} of {@code /images/get}. */
  public List<String> queryValues(String name) {
    List<String> values = query.getValues(name);
    return values == null ? List.of() : List.copyOf(values);
  }

  /**
   * The body as a stream of bytes, for uploads that are not JSON (the tar of {@code POST
   * /images/load}); the server's body limit does not apply.
   */
  public InputStream stream() {
    return Request.asInputStream(jetty);
  }

  /** A query parameter as dockerd reads booleans: absent, "", 0, no, false and none are false. */
  public boolean flag(String name) {
    String value = query(name).map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("");
    return !(value.isEmpty()
        || value.equals("0")
        || value.equals("no")
        || value.equals("false")
        || value.equals("none"));
  }

  /** A request header, if present. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(jetty.getHeaders().get(name));
  }

  /** The JSON body as {@code type}; an empty, malformed, mistyped or huge body is a 400. */
  public <T> T json(Class<T> type) throws EngineException {
    byte[] body = body();
    if (body.length == 0) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, describe() + " needs a JSON body");
    }
    return Json.read(body, type, "the body of " + describe());
  }

  /**
   * The JSON body as {@code type}, refusing (400) a body that sets fields outside {@code known}:
   * berthd says what it does not support rather than ignoring it.
   */
  public <T> T json(Class<T> type, KnownFields known) throws EngineException {
    byte[] body = body();
    if (body.length == 0) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, describe() + " needs a JSON body");
    }
    String what = "the body of " + describe();
    JsonNode tree = Json.tree(body, what);
    List<String> unsupported = known.unsupported(tree);
    if (!unsupported.isEmpty()) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "berthd does not support "
              + String.join(", ", unsupported)
              + " in "
              + describe()
              + " yet");
    }
    return Json.convert(tree, type, what);
  }

  /** The body's bytes, at most the server's limit. */
  public byte[] body() throws EngineException {
    checkJsonContentType();
    long declared = jetty.getLength();
    if (declared > maxBodyBytes) {
      throw tooLarge();
    }
    try (InputStream in = Request.asInputStream(jetty)) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (body.length > maxBodyBytes) {
        throw tooLarge();
      }
      return body;
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "reading the body of " + describe() + ": " + e, e);
    }
  }

  /** As dockerd: a body must be declared {@code application/json}; no header is fine only empty. */
  private void checkJsonContentType() throws EngineException {
    String type = jetty.getHeaders().get("Content-Type");
    if (type == null || type.isBlank()) {
      if (jetty.getLength() > 0) {
        throw unsupportedType("none");
      }
      return;
    }
    String mediaType = type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw unsupportedType(type);
    }
  }

  private static EngineException unsupportedType(String type) {
    return new EngineException(
        ErrorKind.INVALID_ARGUMENT,
        "unsupported Content-Type header (" + type + "): must be 'application/json'");
  }

  private EngineException tooLarge() {
    return new EngineException(
        ErrorKind.INVALID_ARGUMENT,
        "the body of "
            + describe()
            + " is larger than berthd's limit of "
            + maxBodyBytes
            + " bytes");
  }

  Request jetty() {
    return jetty;
  }
}
