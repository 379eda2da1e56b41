package dev.berth.runtime.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Logins from a Docker CLI {@code config.json}: {@code {"auths": {"https://index.docker.io/v1/":
 * {"auth": base64("user:password")}, "host:5000": {"identitytoken": "..."}}}}. Credential helpers
 * ({@code credsStore}, {@code credHelpers}) are not consulted.
 */
public final class DockerConfigCredentials implements CredentialStore {
  private final Map<String, Credentials> byHost;

  private DockerConfigCredentials(Map<String, Credentials> byHost) {
    this.byHost = Map.copyOf(byHost);
  }

  /** Reads {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}, if present. */
  public static CredentialStore fromEnvironment() throws EngineException {
    String dir = System.getenv("DOCKER_CONFIG");
    Path file =
        dir != null
            ? Path.of(dir, "config.json")
            : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    return Files.isRegularFile(file) ? read(file) : CredentialStore.NONE;
  }

  /** Reads one config file. */
  public static DockerConfigCredentials read(Path file) throws EngineException {
    ConfigFile parsed;
    try {
      parsed = new ObjectMapper().readValue(file.toFile(), ConfigFile.class);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "cannot read Docker credentials " + file + ": " + e, e);
    }
    Map<String, Credentials> byHost = new HashMap<>();
    if (parsed.auths != null) {
      for (Map.Entry<String, AuthEntry> e : parsed.auths.entrySet()) {
        byHost.put(normalizeKey(e.getKey()), credentials(file, e.getKey(), e.getValue()));
      }
    }
    return new DockerConfigCredentials(byHost);
  }

  @Override
  public Optional<Credentials> lookup(String registryHost) {
    return Optional.ofNullable(byHost.get(registryHost));
  }

  /** {@code https://index.docker.io/v1/} is {@code docker.io}; schemes and paths are dropped. */
  static String normalizeKey(String key) {
    String host = key.replaceFirst("^[a-z]+://", "");
    int slash = host.indexOf('/');
    host = slash < 0 ? host : host.substring(0, slash);
    return host.equals("index.docker.io") || host.equals("registry-1.docker.io")
        ? "docker.io"
        : host;
  }

  private static Credentials credentials(Path file, String key, AuthEntry entry)
      throws EngineException {
    String user = entry.username;
    String password = entry.password;
    if (entry.auth != null && !entry.auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(entry.auth), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT, file + ": auths." + key + ".auth is not base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT, file + ": auths." + key + ".auth is not user:password");
      }
      user = decoded.substring(0, colon);
      password = decoded.substring(colon + 1);
    }
    return new Credentials(user, password, entry.identitytoken);
  }

  /** The file's shape. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class ConfigFile {
    public Map<String, AuthEntry> auths;
  }

  /** One {@code auths} entry. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class AuthEntry {
    public String auth;
    public String username;
    public String password;
    public String identitytoken;
  }
}
