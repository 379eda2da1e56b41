package dev.berth.orchestrator.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.ImageReference;
import dev.berth.runtime.registry.CredentialStore;
import dev.berth.runtime.registry.Credentials;
import dev.berth.runtime.registry.DockerConfigCredentials;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The caller's registry logins, sent with a pull as Docker's {@code X-Registry-Auth} header (as the
 * docker CLI and Docker Compose send them): an engine such as dockerd reads no config.json of its
 * own. Read from {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json} (auths,
 * credential helpers) when the first pull asks.
 */
public final class RegistryLogins {
  /** No logins: pulls are anonymous unless the engine has logins of its own. */
  public static final RegistryLogins NONE = new RegistryLogins(Map.of());

  private final Map<String, String> env;
  private CredentialStore store;

  private RegistryLogins(Map<String, String> env) {
    this.env = env;
  }

  /** The logins of the config file that {@code env} points at. */
  public static RegistryLogins of(Map<String, String> env) {
    return new RegistryLogins(Map.copyOf(env));
  }

  /** The header's value for pulling {@code reference}; empty when there is no login for it. */
  public Optional<String> header(String reference) throws EngineException {
    if (this == NONE) {
      return Optional.empty();
    }
    ImageReference parsed;
    try {
      parsed = ImageReference.parse(reference);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // the engine names the bad reference
    }
    Optional<Credentials> login;
    try {
      login = store().lookup(parsed.registry());
    } catch (IllegalStateException e) {
      // a credential helper named in config.json failed: say so rather than pull anonymously
      throw new EngineException(ErrorKind.PERMISSION_DENIED, e.getMessage(), e);
    }
    return login.map(c -> encode(c, parsed.registry()));
  }

  private synchronized CredentialStore store() throws EngineException {
    if (store == null) {
      store = DockerConfigCredentials.fromEnvironment(env);
    }
    return store;
  }

  private static String encode(Credentials login, String registry) {
    Map<String, String> json = new LinkedHashMap<>();
    if (!login.identityToken().isEmpty()) {
      json.put("identitytoken", login.identityToken());
    } else {
      json.put("username", login.username());
      json.put("password", login.password());
    }
    json.put(
        "serveraddress", registry.equals("docker.io") ? "https://index.docker.io/v1/" : registry);
    try {
      return Base64.getUrlEncoder().encodeToString(new ObjectMapper().writeValueAsBytes(json));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "RegistryLogins"; // never the secrets
  }
}
