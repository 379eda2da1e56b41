package dev.berth.runtime.server.endpoints;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.api.Credentials;
import dev.berth.runtime.api.DockerConfigCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Docker's {@code X-Registry-Auth} header: base64url JSON {@code {"username":..,"password":..,
 * "auth":..,"identitytoken":..,"serveraddress":..}}. As dockerd, an undecodable header counts as no
 * credentials.
 */
final class RegistryAuth {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RegistryAuth() {}

  /** The header's JSON. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class Template {
    public String username;
    public String password;
    public String auth;
    public String identitytoken;
    public String serveraddress;
  }

  static Optional<Credentials> parse(Optional<String> header) {
    if (header.isEmpty() || header.get().isBlank()) {
      return Optional.empty();
    }
    try {
      return credentials(MAPPER.readValue(decode(header.get()), Template.class));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /**
   * Docker's {@code X-Registry-Config} header of a build: base64url JSON mapping each registry (its
   * server address) to a login in the shape above. As dockerd, an undecodable header counts as no
   * logins.
   */
  static CredentialStore parseConfig(Optional<String> header) {
    if (header.isEmpty() || header.get().isBlank()) {
      return CredentialStore.NONE;
    }
    Map<String, Credentials> byHost = new HashMap<>();
    try {
      Map<String, Template> entries =
          MAPPER.readValue(decode(header.get()), new TypeReference<Map<String, Template>>() {});
      entries.forEach(
          (server, login) ->
              credentials(login)
                  .ifPresent(c -> byHost.put(DockerConfigCredentials.normalizeKey(server), c)));
    } catch (Exception e) {
      return CredentialStore.NONE;
    }
    return host -> Optional.ofNullable(byHost.get(host));
  }

  private static byte[] decode(String header) {
    String text = header.strip().replace('+', '-').replace('/', '_');
    return Base64.getUrlDecoder().decode(text.replace("=", ""));
  }

  private static Optional<Credentials> credentials(Template t) {
    if (t == null) {
      return Optional.empty();
    }
    String username = t.username == null ? "" : t.username;
    String password = t.password == null ? "" : t.password;
    if (username.isEmpty() && t.auth != null && !t.auth.isEmpty()) {
      String pair = new String(Base64.getDecoder().decode(t.auth), StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      if (colon > 0) {
        username = pair.substring(0, colon);
        password = pair.substring(colon + 1);
      }
    }
    String token = t.identitytoken == null ? "" : t.identitytoken;
    if (username.isEmpty() && token.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Credentials(username, password, token));
  }
}
