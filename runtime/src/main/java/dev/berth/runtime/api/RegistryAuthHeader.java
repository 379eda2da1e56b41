package dev.berth.runtime.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Docker's {@code X-Registry-Auth} header as clients send it with a pull: base64url JSON of the
 * login ({@code username} and {@code password}, or {@code identitytoken}) and {@code serveraddress}
 * (Docker Hub under its legacy index URL, as the docker CLI names it); and {@code
 * X-Registry-Config}, every login by its server address, sent with a build.
 */
public final class RegistryAuthHeader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RegistryAuthHeader() {}

  /** The pull header for {@code login} on {@code registryHost} ({@code docker.io}, host:port). */
  public static String encode(Credentials login, String registryHost) {
    return base64(json(login, registryHost));
  }

  /** The build header for {@code logins} by registry host. */
  public static String encodeConfig(Map<String, Credentials> logins) {
    Map<String, Map<String, String>> json = new LinkedHashMap<>();
    logins.forEach((host, login) -> json.put(serverAddress(host), json(login, host)));
    return base64(json);
  }

  private static Map<String, String> json(Credentials login, String registryHost) {
    Map<String, String> json = new LinkedHashMap<>();
    if (!login.identityToken().isEmpty()) {
      json.put("identitytoken", login.identityToken());
    } else {
      json.put("username", login.username());
      json.put("password", login.password());
    }
    json.put("serveraddress", serverAddress(registryHost));
    return json;
  }

  private static String serverAddress(String registryHost) {
    return registryHost.equals("docker.io") ? "https://index.docker.io/v1/" : registryHost;
  }

  private static String base64(Object json) {
    try {
      return Base64.getUrlEncoder().encodeToString(JSON.writeValueAsBytes(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("encoding logins as JSON", e);
    }
  }
}
