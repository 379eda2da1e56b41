package dev.berth.orchestrator.engine;

import dev.berth.runtime.api.CredentialStore;
import dev.berth.runtime.api.Credentials;
import dev.berth.runtime.api.DockerConfigCredentials;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.api.RegistryAuthHeader;
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
  private Optional<String> configHeader;

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
    String registry = ImageName.parse(reference).registry();
    Optional<Credentials> login;
    try {
      login = store().lookup(registry);
    } catch (IllegalStateException e) {
      // a credential helper named in config.json failed: say so rather than pull anonymously
      throw new EngineException(ErrorKind.PERMISSION_DENIED, e.getMessage(), e);
    }
    return login.map(c -> RegistryAuthHeader.encode(c, registry));
  }

  /**
   * The {@code X-Registry-Config} header of a build: every login of the config file, so the builder
   * can pull base images that need one; empty when there is none.
   */
  public synchronized Optional<String> configHeader() throws EngineException {
    if (configHeader == null) {
      configHeader = encodeAll(); // once: each credential helper is a process to run
    }
    return configHeader;
  }

  private Optional<String> encodeAll() throws EngineException {
    if (this == NONE || !(store() instanceof DockerConfigCredentials file)) {
      return Optional.empty();
    }
    Map<String, Credentials> all;
    try {
      all = file.all();
    } catch (IllegalStateException e) {
      throw new EngineException(ErrorKind.PERMISSION_DENIED, e.getMessage(), e);
    }
    return all.isEmpty() ? Optional.empty() : Optional.of(RegistryAuthHeader.encodeConfig(all));
  }

  private synchronized CredentialStore store() throws EngineException {
    if (store == null) {
      store = DockerConfigCredentials.fromEnvironment(env);
    }
    return store;
  }

  @Override
  public String toString() {
    return "RegistryLogins"; // never the secrets
  }
}
