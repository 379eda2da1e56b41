package dev.berth.runtime.server.http;

import dev.berth.runtime.api.ApiVersion;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * berthd's Jetty handler: strips and checks the {@code /vX.Y} prefix once, finds the route, and
 * turns every failure into Docker's {@code {"message": ...}} with the matching status.
 */
final class Router extends Handler.Abstract {
  private static final Pattern VERSIONED = Pattern.compile("/v([0-9][0-9.]*)(/.*)");

  private final Routes routes;
  private final long maxBodyBytes;
  private final Executor attachThreads;
  private final ServerLog log;

  Router(Routes routes, long maxBodyBytes, Executor attachThreads, ServerLog log) {
    this.routes = routes;
    this.maxBodyBytes = maxBodyBytes;
    this.attachThreads = attachThreads;
    this.log = log;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    DockerHeaders.addTo(response.getHeaders());
    ApiResponse answer = new ApiResponse(request, response, callback, attachThreads);
    String call = request.getMethod() + " " + request.getHttpURI().getPath();
    log.info("api: " + call);
    try {
      dispatch(request, answer);
      if (!answer.answered()) {
        throw new IllegalStateException("the handler of " + call + " returned no response");
      }
    } catch (EngineException e) {
      fail(answer, ErrorStatus.of(e.kind()), e.getMessage(), e);
    } catch (Throwable e) {
      log.warn("internal error serving " + call, e);
      fail(answer, 500, "internal error in berthd serving " + call + ": " + e, e);
    }
    return true;
  }

  private void dispatch(Request request, ApiResponse answer) throws Exception {
    String path = request.getHttpURI().getDecodedPath();
    ApiVersion version = ApiVersion.CURRENT;
    Matcher versioned = VERSIONED.matcher(path);
    if (versioned.matches()) {
      version = checkedVersion(versioned.group(1), request.getMethod() + " " + path);
      path = versioned.group(2);
    }
    Routes.Match match = routes.find(request.getMethod(), path);
    if (match == null) {
      throw notFound(request.getMethod(), path);
    }
    Fields query;
    try {
      query = Request.extractQueryParameters(request);
    } catch (RuntimeException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "malformed query in " + request.getMethod() + " " + path, e);
    }
    ApiRequest apiRequest =
        new ApiRequest(request, path, version, match.params(), query, maxBodyBytes);
    match.route().handler().handle(apiRequest, answer);
  }

  private static ApiVersion checkedVersion(String text, String call) throws EngineException {
    ApiVersion version;
    try {
      version = ApiVersion.parse(text);
    } catch (IllegalArgumentException e) {
      throw new EngineException(
          ErrorKind.NOT_FOUND, "page not found: invalid API version in " + call, e);
    }
    if (version.compareTo(ApiVersion.CURRENT) > 0) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "client version "
              + version
              + " is too new. Maximum supported API version is "
              + ApiVersion.CURRENT);
    }
    if (version.compareTo(ApiVersion.MINIMUM) < 0) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "client version "
              + version
              + " is too old. Minimum supported API version is "
              + ApiVersion.MINIMUM
              + ", please upgrade your client to a newer version");
    }
    return version;
  }

  private EngineException notFound(String method, String path) {
    List<String> others = routes.methodsFor(path);
    String message =
        others.isEmpty()
            ? "page not found: berthd has no endpoint " + method + " " + path
            : "page not found: berthd serves " + path + " only with " + String.join(", ", others);
    return new EngineException(ErrorKind.NOT_FOUND, message);
  }

  private void fail(ApiResponse answer, int status, String message, Throwable cause) {
    if (!answer.error(status, message)) {
      log.warn("failed after the response started: " + message, cause);
      answer.abort(cause);
    }
  }
}
