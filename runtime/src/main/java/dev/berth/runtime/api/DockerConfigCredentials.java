package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Logins from a Docker CLI {@code config.json}: {@code {"auths": {"https://index.docker.io/v1/":
 * {"auth": base64("user:password")}, "host:5000": {"identitytoken": "..."}}}}, and credential
 * helpers as the docker CLI asks them: {@code credHelpers} per registry, else {@code credsStore}
 * ({@code docker-credential-NAME get}, the server on stdin, {@code {"Username", "Secret"}} on
 * stdout; user {@code <token>} means an identity token). A helper that has no login for the
 * registry leaves the {@code auths} entry, if any; one that fails is an error naming it.
 */
public final class DockerConfigCredentials implements CredentialStore {
  private static final Duration HELPER_TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Credentials> byHost;
  private final Map<String, String> helpers;
  private final String store;
  private final Path helperDir;

  private DockerConfigCredentials(
      Map<String, Credentials> byHost, Map<String, String> helpers, String store, Path helperDir) {
    this.byHost = Map.copyOf(byHost);
    this.helpers = Map.copyOf(helpers);
    this.store = store == null || store.isBlank() ? null : store;
    this.helperDir = helperDir;
  }

  /** Reads {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}, if present. */
  public static CredentialStore fromEnvironment() throws EngineException {
    return fromEnvironment(System.getenv());
  }

  /**
   * As {@link #fromEnvironment()} with the variables of {@code env} ({@code DOCKER_CONFIG}, then
   * {@code HOME}, then this process's home directory).
   */
  public static CredentialStore fromEnvironment(Map<String, String> env) throws EngineException {
    String dir = env.get("DOCKER_CONFIG");
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    Path file =
        dir != null && !dir.isEmpty()
            ? Path.of(dir, "config.json")
            : Path.of(home, ".docker", "config.json");
    return Files.isRegularFile(file) ? read(file) : CredentialStore.NONE;
  }

  /** Reads one config file; credential helpers are found on {@code PATH}. */
  public static DockerConfigCredentials read(Path file) throws EngineException {
    return read(file, null);
  }

  /** Reads one config file; credential helpers are found in {@code helperDir} (null: PATH). */
  static DockerConfigCredentials read(Path file, Path helperDir) throws EngineException {
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
    Map<String, String> helpers = new HashMap<>();
    if (parsed.credHelpers != null) {
      parsed.credHelpers.forEach((key, helper) -> helpers.put(normalizeKey(key), helper));
    }
    return new DockerConfigCredentials(byHost, helpers, parsed.credsStore, helperDir);
  }

  /**
   * Every login this file gives, by registry host, as the docker CLI gathers them for a build: its
   * {@code auths}, then the logins its {@code credsStore} lists ({@code docker-credential-NAME
   * list}; a store that cannot list adds none, as the docker CLI goes on without them), then what
   * each registry's {@code credHelpers} helper answers.
   */
  public Map<String, Credentials> all() {
    Map<String, Credentials> all = new HashMap<>(byHost);
    if (store != null) {
      for (String server : listed(store)) {
        String host = normalizeKey(server);
        if (!helpers.containsKey(host)) {
          askHelper(store, server).ifPresent(c -> all.put(host, c));
        }
      }
    }
    for (Map.Entry<String, String> helper : helpers.entrySet()) {
      askHelper(helper.getValue(), helper.getKey()).ifPresent(c -> all.put(helper.getKey(), c));
    }
    return all;
  }

  /** The server addresses {@code docker-credential-HELPER list} names; none when it fails. */
  private java.util.Set<String> listed(String helper) {
    try {
      HelperRun run = runHelper(helper, "list", "");
      if (run.exitCode() != 0) {
        return java.util.Set.of();
      }
      Map<?, ?> servers = new ObjectMapper().readValue(run.output(), Map.class);
      java.util.Set<String> names = new java.util.TreeSet<>();
      servers.keySet().forEach(k -> names.add(String.valueOf(k)));
      return names;
    } catch (IOException | RuntimeException e) {
      return java.util.Set.of();
    }
  }

  @Override
  public Optional<Credentials> lookup(String registryHost) {
    String helper = helpers.getOrDefault(registryHost, store);
    if (helper != null) {
      Optional<Credentials> found = askHelper(helper, registryHost);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.ofNullable(byHost.get(registryHost));
  }

  /**
   * {@code docker-credential-HELPER get} for {@code registryHost} (Docker Hub under its legacy
   * index URL, as the docker CLI stores it), or a server address as the helper listed it.
   */
  private Optional<Credentials> askHelper(String helper, String registryHost) {
    String server = registryHost.equals("docker.io") ? "https://index.docker.io/v1/" : registryHost;
    String what = program(helper) + " get " + server;
    try {
      HelperRun run = runHelper(helper, "get", server);
      String text = run.output();
      if (run.exitCode() != 0) {
        if (text.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
          return Optional.empty();
        }
        throw new IllegalStateException(what + " exited " + run.exitCode() + ": " + text);
      }
      HelperAnswer answer = new ObjectMapper().readValue(text, HelperAnswer.class);
      if (answer.username == null && answer.secret == null) {
        return Optional.empty();
      }
      return Optional.of(
          "<token>".equals(answer.username)
              ? new Credentials("", "", answer.secret)
              : Credentials.basic(answer.username, answer.secret));
    } catch (IOException e) {
      throw new IllegalStateException(what + ": " + e.getMessage(), e);
    }
  }

  /** What a helper printed (stdout and stderr, stripped) and its exit code. */
  private record HelperRun(int exitCode, String output) {}

  private String program(String helper) {
    return helperDir == null
        ? "docker-credential-" + helper
        : helperDir.resolve("docker-credential-" + helper).toString();
  }

  /** Runs {@code docker-credential-HELPER ACTION} with {@code input} on its standard input. */
  private HelperRun runHelper(String helper, String action, String input) {
    String program = program(helper);
    Process process;
    try {
      process = new ProcessBuilder(program, action).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "credential helper " + program + " (from config.json) cannot run: " + e.getMessage(), e);
    }
    try {
      try (var stdin = process.getOutputStream()) {
        stdin.write(input.getBytes(StandardCharsets.UTF_8));
      } catch (IOException notRead) {
        // the helper ended without reading its input: its exit code and output say why
      }
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(HELPER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            program + " " + action + " did not answer within " + HELPER_TIMEOUT);
      }
      return new HelperRun(process.exitValue(), new String(output, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new IllegalStateException(program + " " + action + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException(program + " " + action + ": interrupted", e);
    }
  }

  /** {@code https://index.docker.io/v1/} is {@code docker.io}; schemes and paths are dropped. */
  /**
   * The registry host a config.json key or a server address names: {@code
   * https://index.docker.io/v1/} and {@code registry-1.docker.io} are {@code docker.io}.
   */
  public static String normalizeKey(String key) {
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
    public String credsStore;
    public Map<String, String> credHelpers;
  }

  /** What a credential helper prints for {@code get}. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  static final class HelperAnswer {
    @com.fasterxml.jackson.annotation.JsonProperty("Username")
    public String username;

    @com.fasterxml.jackson.annotation.JsonProperty("Secret")
    public String secret;
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
