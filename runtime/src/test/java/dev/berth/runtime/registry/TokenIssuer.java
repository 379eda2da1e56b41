package dev.berth.runtime.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A token server for distribution's token auth, inside the test: signs RS256 JWTs with the test key
 * (its certificate in {@code x5c}). Anyone may pull repositories outside {@code private/}; the user
 * {@code berth:s3cret} (or the refresh token {@code berth-refresh}) may do anything.
 */
final class TokenIssuer implements AutoCloseable {
  static final String SERVICE = "berth-test-registry";
  static final String ISSUER = "berth-test-issuer";
  static final String USER = "berth";
  static final String PASSWORD = "s3cret";
  static final String REFRESH_TOKEN = "berth-refresh";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a client asked for, for assertions. */
  record Request(String method, String authorization, Map<String, String> params) {}

  private final TestPki pki;
  private final HttpServer server;
  final List<Request> requests = new CopyOnWriteArrayList<>();

  TokenIssuer(TestPki pki) throws IOException {
    this.pki = pki;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/token", this::handle);
    server.start();
  }

  String realm() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  /** The registry config's {@code auth:} section trusting this issuer. */
  String registryConfig() {
    return String.join(
        "\n",
        "auth:",
        "  token:",
        "    realm: " + realm(),
        "    service: " + SERVICE,
        "    issuer: " + ISSUER,
        "    rootcertbundle: " + pki.certPem(),
        "");
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String query =
          exchange.getRequestMethod().equals("POST")
              ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
              : exchange.getRequestURI().getRawQuery();
      Map<String, String> params = parse(query);
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      requests.add(new Request(exchange.getRequestMethod(), auth, params));
      boolean basicOk =
          ("Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes()))
              .equals(auth);
      boolean refreshOk = REFRESH_TOKEN.equals(params.get("refresh_token"));
      if (auth != null && !basicOk) {
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      byte[] body = JSON.writeValueAsBytes(tokenBody(params.get("scope"), basicOk || refreshOk));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private ObjectNode tokenBody(String scope, boolean loggedIn) throws Exception {
    ObjectNode claims = JSON.createObjectNode();
    long now = Instant.now().getEpochSecond();
    claims.put("iss", ISSUER).put("sub", loggedIn ? USER : "").put("aud", SERVICE);
    claims.put("exp", now + 300).put("nbf", now - 10).put("iat", now);
    claims.put("jti", UUID.randomUUID().toString());
    ArrayNode access = claims.putArray("access");
    if (scope != null) {
      for (String one : scope.split(" ")) {
        String[] parts = one.split(":");
        if (parts.length == 3 && (loggedIn || !parts[1].startsWith("private/"))) {
          ObjectNode a = access.addObject();
          a.put("type", parts[0]).put("name", parts[1]);
          ArrayNode actions = a.putArray("actions");
          for (String action : parts[2].split(",")) {
            if (loggedIn || action.equals("pull")) {
              actions.add(action);
            }
          }
        }
      }
    }
    ObjectNode header = JSON.createObjectNode();
    header.put("alg", "RS256").put("typ", "JWT");
    header.putArray("x5c").add(Base64.getEncoder().encodeToString(pki.certificate().getEncoded()));
    String signingInput =
        b64(JSON.writeValueAsBytes(header)) + "." + b64(JSON.writeValueAsBytes(claims));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(pki.key());
    rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    String jwt = signingInput + "." + b64(rsa.sign());
    ObjectNode body = JSON.createObjectNode();
    body.put(loggedIn && !REFRESH_TOKEN.isEmpty() ? "access_token" : "token", jwt);
    body.put("expires_in", 300);
    return body;
  }

  private static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Map<String, String> parse(String query) {
    Map<String, String> out = new HashMap<>();
    if (query == null) {
      return out;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.merge(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8),
            (a, b) -> a + " " + b);
      }
    }
    return out;
  }
}
