package dev.berth.runtime.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A login for one registry: a username and password, or an identity (refresh) token.
 *
 * @param identityToken an OAuth2 refresh token from {@code docker login}, or empty
 */
public record Credentials(String username, String password, String identityToken) {
  public Credentials {
    username = username == null ? "" : username;
    password = password == null ? "" : password;
    identityToken = identityToken == null ? "" : identityToken;
  }

  /** A username and password. */
  public static Credentials basic(String username, String password) {
    return new Credentials(username, password, "");
  }

  /** The {@code Authorization} value for HTTP basic auth. */
  public String basicHeader() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Credentials[" + username + ", ****]"; // never print secrets
  }
}
