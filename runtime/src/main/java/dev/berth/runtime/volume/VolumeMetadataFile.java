package dev.berth.runtime.volume;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code <volume>/volume.json}: labels, driver options and creation time of one volume, e.g. {@code
 * {"createdAt":"2026-11-27T12:00:00Z","labels":{"a":"b"},"options":{"type":"tmpfs",...}}}.
 */
final class VolumeMetadataFile {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setDefaultPropertyInclusion(
              // empty fields left out, but a label's empty value kept (the anonymous label has one)
              JsonInclude.Value.construct(
                  JsonInclude.Include.NON_EMPTY, JsonInclude.Include.ALWAYS));

  private VolumeMetadataFile() {}

  /** The JSON form. */
  static final class Template {
    public String createdAt;
    public Map<String, String> labels = new TreeMap<>();
    public Map<String, String> options = new TreeMap<>();
  }

  record Metadata(Instant createdAt, Map<String, String> labels, VolumeOptions options) {}

  static void write(Path file, Metadata metadata) throws EngineException {
    Template t = new Template();
    t.createdAt = metadata.createdAt().toString();
    t.labels.putAll(metadata.labels());
    t.options.putAll(metadata.options().asMap());
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.write(temp, MAPPER.writeValueAsBytes(t));
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The stored metadata; a volume from before metadata was kept reads as created at its mtime. */
  static Metadata read(Path file) throws EngineException {
    try {
      if (!Files.exists(file)) {
        Instant mtime = Files.getLastModifiedTime(file.getParent()).toInstant();
        return new Metadata(mtime, Map.of(), VolumeOptions.NONE);
      }
      Template t = MAPPER.readValue(file.toFile(), Template.class);
      Map<String, String> options = t.options == null ? Map.of() : t.options;
      return new Metadata(
          Instant.parse(t.createdAt),
          t.labels == null ? Map.of() : t.labels,
          new VolumeOptions(options.get("type"), options.get("o"), options.get("device")));
    } catch (IOException | RuntimeException e) {
      throw new EngineException(ErrorKind.INTERNAL, "read " + file + ": " + e.getMessage(), e);
    }
  }
}
