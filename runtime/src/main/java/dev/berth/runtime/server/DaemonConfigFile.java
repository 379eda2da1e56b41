package dev.berth.runtime.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.registry.RegistryConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * berthd's config file, in dockerd's {@code daemon.json} terms: {@code insecure-registries} ({@code
 * host[:port]}), {@code registry-mirrors} (URLs tried before Docker Hub) and {@code
 * max-concurrent-downloads}. A key berthd does not read is an error naming it, as dockerd's is, so
 * a setting is never silently ignored.
 */
public final class DaemonConfigFile {
  /** Where berthd looks when {@code --config-file} is not given; it may be absent. */
  public static final Path DEFAULT = Path.of("/etc/berth/daemon.json");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> KEYS =
      Set.of("insecure-registries", "registry-mirrors", "max-concurrent-downloads");

  private DaemonConfigFile() {}

  /**
   * {@code base} with the settings of {@code file}; a missing file is an error unless {@code
   * optional}.
   */
  public static RegistryConfig read(Path file, boolean optional, RegistryConfig base)
      throws EngineException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      if (optional) {
        return base;
      }
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, file + ": no such file");
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, file + ": " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          file + ":" + e.getLocation().getLineNr() + ": not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || root.isMissingNode()) {
      return base;
    }
    if (!root.isObject()) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, file + ": expected a JSON object");
    }
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEYS.contains(name)) {
        unknown.add(name);
      }
    }
    if (!unknown.isEmpty()) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          file
              + ": berthd does not support "
              + String.join(", ", unknown)
              + " (it reads "
              + String.join(", ", KEYS.stream().sorted().toList())
              + ")");
    }
    RegistryConfig config = base;
    if (root.has("insecure-registries")) {
      config = withInsecure(config, strings(file, root, "insecure-registries"), file.toString());
    }
    if (root.has("registry-mirrors")) {
      config = withMirrors(config, strings(file, root, "registry-mirrors"), file.toString());
    }
    if (root.has("max-concurrent-downloads")) {
      JsonNode n = root.get("max-concurrent-downloads");
      if (!n.isInt() || n.asInt() < 1) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT,
            file + ": max-concurrent-downloads must be a positive integer, not " + n);
      }
      config = config.withMaxConcurrentDownloads(n.asInt());
    }
    return config;
  }

  /** {@code config} with {@code hosts} ({@code host[:port]}) added to its insecure registries. */
  public static RegistryConfig withInsecure(
      RegistryConfig config, List<String> hosts, String source) throws EngineException {
    Set<String> all = new LinkedHashSet<>(config.insecureRegistries());
    for (String host : hosts) {
      String h = host.strip().replaceFirst("^https?://", "").replaceFirst("/+$", "");
      if (h.isEmpty() || h.contains("/")) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT,
            source
                + ": insecure registry \""
                + host
                + "\": berthd takes host[:port] (CIDR ranges are not supported)");
      }
      all.add(h);
    }
    return config.withInsecure(all);
  }

  /** {@code config} with {@code mirrors} (http or https URLs) added to its Docker Hub mirrors. */
  public static RegistryConfig withMirrors(
      RegistryConfig config, List<String> mirrors, String source) throws EngineException {
    List<String> all = new ArrayList<>(config.dockerHubMirrors());
    for (String mirror : mirrors) {
      URI uri;
      try {
        uri = URI.create(mirror.strip());
      } catch (IllegalArgumentException e) {
        uri = null;
      }
      if (uri == null
          || uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT,
            source + ": registry mirror \"" + mirror + "\" is not an http(s) URL");
      }
      String text = mirror.strip().replaceFirst("/+$", "");
      if (!all.contains(text)) {
        all.add(text);
      }
    }
    return config.withMirrors(all);
  }

  private static List<String> strings(Path file, JsonNode root, String key) throws EngineException {
    JsonNode n = root.get(key);
    List<String> out = new ArrayList<>();
    if (n.isArray()) {
      for (JsonNode item : n) {
        if (!item.isTextual()) {
          out.clear();
          break;
        }
        out.add(item.asText());
      }
      if (out.size() == n.size()) {
        return out;
      }
    }
    throw new EngineException(
        ErrorKind.INVALID_ARGUMENT, file + ": " + key + " must be a list of strings, not " + n);
  }
}
