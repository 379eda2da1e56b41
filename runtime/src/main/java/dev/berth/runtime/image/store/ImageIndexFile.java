package dev.berth.runtime.image.store;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.image.wire.ImageJson;
import dev.berth.runtime.state.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code images.json}, the image index on disk: {@code {"images": {"sha256:<id>": {"manifest": ...,
 * "repoTags": [...], "repoDigests": [...], "size": ..., "added": ...}}}}, written atomically (temp
 * file, fsync, rename).
 */
final class ImageIndexFile {
  public Map<String, Entry> images = new TreeMap<>();

  /** One image. */
  static final class Entry {
    public String manifest;
    public List<String> repoTags;
    public List<String> repoDigests;
    public long size;
    public String added;
  }

  static Map<Digest, ImageRecord> read(Path file) throws IOException, EngineException {
    Map<Digest, ImageRecord> out = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    ImageIndexFile parsed =
        ImageJson.read(Files.readAllBytes(file), ImageIndexFile.class, "image index " + file);
    for (Map.Entry<String, Entry> e : parsed.images.entrySet()) {
      Entry v = e.getValue();
      Digest id = Digest.parse(e.getKey());
      out.put(
          id,
          new ImageRecord(
              id,
              Digest.parse(v.manifest),
              v.repoTags == null ? List.of() : v.repoTags,
              v.repoDigests == null ? List.of() : v.repoDigests,
              v.size,
              v.added == null ? Instant.EPOCH : Instant.parse(v.added)));
    }
    return out;
  }

  static void write(Path file, Collection<ImageRecord> images) throws EngineException {
    ImageIndexFile out = new ImageIndexFile();
    for (ImageRecord r : images) {
      Entry e = new Entry();
      e.manifest = r.manifest().toString();
      e.repoTags = r.repoTags();
      e.repoDigests = r.repoDigests();
      e.size = r.size();
      e.added = r.added().toString();
      out.images.put(r.id().toString(), e);
    }
    try {
      JsonFiles.writeAtomically(file, ImageJson.bytes(out));
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "cannot write " + file + ": " + e, e);
    }
  }
}
