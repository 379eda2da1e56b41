package dev.berth.runtime.network;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.state.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
    try {
      Files.createDirectories(file.getParent());
      JsonFiles.writeAtomically(file, JSON.writeValueAsBytes(state), sync);
    } catch (IOException e) {
      throw new EngineException(ErrorKind.UNAVAILABLE, "write " + file + ": " + e.getMessage(), e);
    }
  }
}
