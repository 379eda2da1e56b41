package dev.berth.runtime.registry;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.api.Credentials;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Talks to one repository of one registry: picks the base URL (a mirror or the registry), answers
 * 401 challenges with basic auth or a bearer token, and remembers the token for later requests.
 */
final class RegistrySession {
  private final HttpClient http;
  private final ImageReference reference;
  private final List<URI> bases;
  private final Optional<Credentials> credentials;
  private final java.time.Duration stallTimeout;
  private int baseIndex;
  private volatile String authorization;

  RegistrySession(
      HttpClient http,
      ImageReference reference,
      List<URI> bases,
      CredentialStore credentials,
      java.time.Duration stallTimeout) {
    this.stallTimeout = stallTimeout;
    this.http = http;
    this.reference = reference;
    this.bases = List.copyOf(bases);
    this.credentials = credentials.lookup(reference.registry());
  }

  java.time.Duration stallTimeout() {
    return stallTimeout;
  }

  ImageReference reference() {
    return reference;
  }

  /** The base URL in use, e.g. {@code http://127.0.0.1:5000}. */
  synchronized URI base() {
    return bases.get(baseIndex);
  }

  /**
   * Switches to the next base after {@code failure}: to the next mirror (or the registry) after any
   * error, but from HTTP to HTTPS on the same host only when HTTP was refused; false when none is
   * left or the error is the registry's real answer.
   */
  synchronized boolean nextBase(RegistryException failure) {
    if (baseIndex + 1 >= bases.size()) {
      return false;
    }
    boolean sameHost =
        bases.get(baseIndex + 1).getAuthority().equals(bases.get(baseIndex).getAuthority());
    if (sameHost && !failure.retryable() && failure.status() != 400) {
      return false;
    }
    baseIndex++;
    authorization = null;
    return true;
  }

  /** The authority errors should name: {@code 127.0.0.1:5000}, {@code registry-1.docker.io}. */
  String host() {
    return base().getAuthority();
  }

  /**
   * GETs {@code /v2/<repository>/<path>} with auth, streaming the body. Redirects are not followed
   * here (see {@link #follow}); the caller closes the body.
   */
  HttpResponse<InputStream> get(String path, String accept, String what) throws RegistryException {
    URI uri = URI.create(base() + "/v2/" + reference.repository() + "/" + path);
    for (int round = 0; ; round++) {
      HttpResponse<InputStream> response = send(uri, accept, authorization, what);
      if (response.statusCode() != 401 || round > 0) {
        return response;
      }
      discard(response);
      authorization = authorize(response.headers().firstValue("WWW-Authenticate"), what);
      if (authorization == null) {
        return send(uri, accept, null, what);
      }
    }
  }

  /** GETs a URL outside the registry (a foreign layer's), without the registry's credentials. */
  HttpResponse<InputStream> getExternal(URI uri, String what) throws RegistryException {
    return send(uri, "*/*", null, what);
  }

  /** Follows a blob redirect (to a CDN); the registry's credentials are not sent to other hosts. */
  HttpResponse<InputStream> follow(HttpResponse<InputStream> response, String what)
      throws RegistryException {
    for (int hop = 0; hop < 5 && isRedirect(response.statusCode()); hop++) {
      Optional<String> location = response.headers().firstValue("Location");
      discard(response);
      if (location.isEmpty()) {
        throw RegistryException.status(what, host(), response.statusCode(), "without Location");
      }
      URI next = response.uri().resolve(location.get());
      String auth =
          next.getAuthority().equals(response.uri().getAuthority()) ? authorization : null;
      response = send(next, "*/*", auth, what);
    }
    return response;
  }

  /** Reads an error answer's body into a {@link RegistryException}. */
  RegistryException failure(HttpResponse<InputStream> response, String what) {
    byte[] body;
    try (InputStream in = response.body()) {
      body = in.readNBytes(64 * 1024);
    } catch (IOException e) {
      body = new byte[0];
    }
    return RegistryException.status(
        what,
        response.uri().getAuthority(),
        response.statusCode(),
        RegistryErrorBody.message(body));
  }

  private String authorize(Optional<String> header, String what) throws RegistryException {
    Optional<AuthChallenge> challenge = header.flatMap(AuthChallenge::parse);
    if (challenge.isEmpty()) {
      return null;
    }
    if (challenge.get().isBasic()) {
      if (credentials.isEmpty() || credentials.get().username().isEmpty()) {
        throw new RegistryException(
            ErrorKind.PERMISSION_DENIED,
            what
                + ": "
                + host()
                + " answered 401 unauthorized (it wants a login; none is known"
                + " for "
                + reference.registry()
                + ")",
            false,
            null);
      }
      return credentials.get().basicHeader();
    }
    if (challenge.get().isBearer()) {
      String scope = challenge.get().params().get("scope");
      if (scope == null || scope.isEmpty()) {
        scope = "repository:" + reference.repository() + ":pull";
      }
      return new TokenRequest(http, challenge.get(), scope, credentials).fetch();
    }
    return null;
  }

  private HttpResponse<InputStream> send(URI uri, String accept, String auth, String what)
      throws RegistryException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).header("Accept", accept).timeout(Duration.ofMinutes(5)).GET();
    if (auth != null) {
      b.header("Authorization", auth);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw RegistryException.unreachable(what, uri.getAuthority(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.unreachable(what, uri.getAuthority(), e);
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  static void discard(HttpResponse<InputStream> response) {
    try (InputStream in = response.body()) {
      in.skip(1 << 20);
    } catch (IOException ignored) {
      // nothing to salvage from a body we did not want
    }
  }
}
