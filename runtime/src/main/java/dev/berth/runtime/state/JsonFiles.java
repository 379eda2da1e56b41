package dev.berth.runtime.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Reads and atomically writes one record per JSON file. */
public final class JsonFiles {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private JsonFiles() {}

  /** Writes {@code value} to {@code file} via a synced temp file and an atomic rename. */
  public static void write(Path file, Object value) throws EngineException {
    try {
      Files.createDirectories(file.getParent());
      writeAtomically(file, MAPPER.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "writing " + file + ": " + e.getMessage(), e);
    }
  }

  /** Writes raw bytes atomically and durably, e.g. a bundle's {@code config.json}. */
  public static void writeAtomically(Path file, byte[] bytes) throws IOException {
    writeAtomically(file, bytes, true);
  }

  /**
   * Writes raw bytes to a temp file beside {@code file} and renames it into place, so readers see
   * the old or the new content, never a mix; {@code sync} also forces the bytes to disk first.
   */
  public static void writeAtomically(Path file, byte[] bytes, boolean sync) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      if (sync) {
        channel.force(true);
      }
    }
    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Reads a record written by {@link #write}. */
  public static <T> T read(Path file, Class<T> type) throws EngineException {
    try {
      return MAPPER.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "reading " + file + ": " + e.getMessage(), e);
    }
  }
}
