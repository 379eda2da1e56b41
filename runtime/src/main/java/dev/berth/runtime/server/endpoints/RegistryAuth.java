package dev.berth.runtime.server.endpoints;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.api.Credentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
      String text = header.get().strip().replace('+', '-').replace('/', '_');
      byte[] json = Base64.getUrlDecoder().decode(text.replace("=", ""));
      Template t = MAPPER.readValue(json, Template.class);
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
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
