package dev.berth.runtime.build;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.state.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The layer cache: an instruction's cache key (its parent's key, its text after expansion and the
 * digest of the files it copies) to the layer it made, in {@code <root>/cache.json}. Entries whose
 * layer the image store has since collected are misses.
 */
final class BuildCache {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A cached layer (digests as strings) and when it was made (the built image's created time). */
  record Entry(String diffId, String blob, long size, String created) {}

  private final Path file;
  private final Map<String, Entry> entries = new HashMap<>();

  private BuildCache(Path file) {
    this.file = file;
  }

  static BuildCache open(Path root) throws EngineException {
    BuildCache cache = new BuildCache(root.resolve("cache.json"));
    try {
      Files.createDirectories(root);
      if (Files.exists(cache.file)) {
        cache.entries.putAll(
            JSON.readValue(cache.file.toFile(), new TypeReference<Map<String, Entry>>() {}));
      }
    } catch (IOException e) {
      // a damaged cache is only slower: start empty
      cache.entries.clear();
    }
    return cache;
  }

  synchronized Optional<Entry> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  synchronized void put(String key, Entry entry) throws EngineException {
    entries.put(key, entry);
    try {
      JsonFiles.writeAtomically(file, JSON.writeValueAsBytes(entries), false);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "writing build cache " + file + ": " + e, e);
    }
  }
}
