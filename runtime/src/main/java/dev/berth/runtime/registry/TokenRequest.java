package dev.berth.runtime.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.api.Credentials;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks a bearer-token realm for a token (distribution's token auth spec): {@code GET
 * realm?service=...&scope=...} with basic credentials if any, or the OAuth2 {@code POST} with a
 * refresh token when the login is an identity token.
 */
final class TokenRequest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpClient http;
  private final AuthChallenge challenge;
  private final String scope;
  private final Optional<Credentials> credentials;

  TokenRequest(
      HttpClient http, AuthChallenge challenge, String scope, Optional<Credentials> credentials) {
    this.http = http;
    this.challenge = challenge;
    this.scope = scope;
    this.credentials = credentials;
  }

  String describe() {
    return "get a token for " + scope + " from " + realm().getAuthority();
  }

  /** The {@code Authorization} header value carrying the token. */
  String fetch() throws RegistryException {
    URI realm = realm();
    HttpRequest request =
        credentials.filter(c -> !c.identityToken().isEmpty()).isPresent()
            ? refreshTokenPost(realm, credentials.get())
            : tokenGet(realm);
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw RegistryException.unreachable(describe(), realm.getAuthority(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryException.unreachable(describe(), realm.getAuthority(), e);
    }
    if (response.statusCode() != 200) {
      throw RegistryException.status(
          describe(),
          realm.getAuthority(),
          response.statusCode(),
          RegistryErrorBody.message(response.body()));
    }
    try {
      JsonNode body = MAPPER.readTree(response.body());
      String token = body.path("token").asText(body.path("access_token").asText(""));
      if (token.isEmpty()) {
        throw new IOException("no token in the answer");
      }
      return "Bearer " + token;
    } catch (IOException e) {
      throw RegistryException.status(
          describe(), realm.getAuthority(), 200, "but sent no usable token: " + e.getMessage());
    }
  }

  private HttpRequest tokenGet(URI realm) {
    StringBuilder query = new StringBuilder();
    String service = challenge.params().get("service");
    if (service != null) {
      query.append("service=").append(encode(service));
    }
    query.append(query.length() > 0 ? "&" : "").append("scope=").append(encode(scope));
    String base = realm.toString();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + (base.contains("?") ? "&" : "?") + query))
            .timeout(Duration.ofSeconds(30))
            .GET();
    credentials
        .filter(c -> !c.username().isEmpty())
        .ifPresent(c -> b.header("Authorization", c.basicHeader()));
    return b.build();
  }

  private HttpRequest refreshTokenPost(URI realm, Credentials c) {
    String form =
        "grant_type=refresh_token&client_id=berth&service="
            + encode(challenge.params().getOrDefault("service", ""))
            + "&scope="
            + encode(scope)
            + "&refresh_token="
            + encode(c.identityToken());
    return HttpRequest.newBuilder(realm)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }

  private URI realm() {
    return URI.create(challenge.params().getOrDefault("realm", ""));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
