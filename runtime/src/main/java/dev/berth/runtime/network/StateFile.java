package dev.berth.runtime.network;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Reads and atomically writes (temp file, fsync unless told not to, rename) {@code networks.json}.
 */
final class StateFile {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private final Path file;

  StateFile(Path file) {
    this.file = file;
  }

  synchronized StoredState read() throws EngineException {
    try {
      StoredState state = JSON.readValue(Files.readAllBytes(file), StoredState.class);
      if (state.version() != StoredState.CURRENT_VERSION) {
        throw new EngineException(
            ErrorKind.UNSUPPORTED,
            "network state " + file + " has version " + state.version() + ", berth reads 1");
      }
      return state;
    } catch (NoSuchFileException e) {
      return new StoredState(StoredState.CURRENT_VERSION, null);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.INTERNAL, "read " + file + ": " + e.getMessage(), e);
    }
  }

  synchronized void write(StoredState state, boolean sync) throws EngineException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel out =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(state));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        if (sync) {
          out.force(true);
        }
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, "write " + file + ": " + e.getMessage(), e);
    }
  }
}
