package dev.berth.runtime.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The route table: method and path pattern to handler, matched in registration order. */
public final class Routes {
  private final List<Route> routes = new ArrayList<>();

  /** One entry of the table. */
  record Route(String method, PathPattern pattern, EndpointHandler handler) {}

  /** A route matched to a path, with its path parameters. */
  record Match(Route route, Map<String, String> params) {}

  public Routes get(String path, EndpointHandler handler) {
    return add("GET", path, handler);
  }

  public Routes head(String path, EndpointHandler handler) {
    return add("HEAD", path, handler);
  }

  public Routes post(String path, EndpointHandler handler) {
    return add("POST", path, handler);
  }

  public Routes put(String path, EndpointHandler handler) {
    return add("PUT", path, handler);
  }

  public Routes delete(String path, EndpointHandler handler) {
    return add("DELETE", path, handler);
  }

  /**
   * Registers {@code handler} for {@code method} on {@code path}, e.g. {@code /containers/{id}}.
   */
  public Routes add(String method, String path, EndpointHandler handler) {
    routes.add(new Route(method, PathPattern.parse(path), handler));
    return this;
  }

  /** The route for this call; a {@code HEAD} falls back to the {@code GET} route. */
  Match find(String method, String path) {
    Match match = findExact(method, path);
    return match == null && method.equals("HEAD") ? findExact("GET", path) : match;
  }

  /** Whether some route serves this path with another method. */
  List<String> methodsFor(String path) {
    return routes.stream()
        .filter(r -> r.pattern().match(path) != null)
        .map(Route::method)
        .distinct()
        .toList();
  }

  private Match findExact(String method, String path) {
    for (Route route : routes) {
      if (route.method().equals(method)) {
        Map<String, String> params = route.pattern().match(path);
        if (params != null) {
          return new Match(route, params);
        }
      }
    }
    return null;
  }
}
