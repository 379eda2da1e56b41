package dev.berth.runtime.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Docker's {@code X-Registry-Auth} header as clients send it with a pull: base64url JSON of the
 * login ({@code username} and {@code password}, or {@code identitytoken}) and {@code serveraddress}
 * (Docker Hub under its legacy index URL, as the docker CLI names it).
 */
public final class RegistryAuthHeader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RegistryAuthHeader() {}

  /**
   * The header's value for {@code login} on {@code registryHost} ({@code docker.io}, host:port).
   */
  public static String encode(Credentials login, String registryHost) {
    Map<String, String> json = new LinkedHashMap<>();
    if (!login.identityToken().isEmpty()) {
      json.put("identitytoken", login.identityToken());
    } else {
      json.put("username", login.username());
      json.put("password", login.password());
    }
    json.put(
        "serveraddress",
        registryHost.equals("docker.io") ? "https://index.docker.io/v1/" : registryHost);
    try {
      return Base64.getUrlEncoder().encodeToString(JSON.writeValueAsBytes(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("encoding a login as JSON", e);
    }
  }
}
