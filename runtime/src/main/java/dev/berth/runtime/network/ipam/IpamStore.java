package dev.berth.runtime.network.ipam;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.state.JsonFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads and writes {@code ipam.json} under an exclusive lock (a JVM-wide lock plus a file lock, so
 * engines sharing a state root never interleave), writing atomically: temp file, fsync, rename.
 */
final class IpamStore {
  private static final ConcurrentHashMap<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path file;
  private final Path lockFile;
  private final ReentrantLock jvmLock;

  IpamStore(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.lockFile = this.file.resolveSibling(this.file.getFileName() + ".lock");
    this.jvmLock = JVM_LOCKS.computeIfAbsent(this.file, p -> new ReentrantLock());
  }

  /**
   * Work on the state read under the lock; a change mutates it, or throws to leave it as it was.
   */
  interface Work<T> {
    T apply(IpamFile state) throws EngineException;
  }

  /** Runs {@code change} on the current state under the lock, then saves the state. */
  <T> T update(Work<T> change) throws EngineException {
    return locked(change, true, true);
  }

  /** Like {@link #update}, flushing to disk only if {@code sync}. */
  <T> T update(Work<T> change, boolean sync) throws EngineException {
    return locked(change, true, sync);
  }

  /** Runs {@code query} on the current state under the lock without saving. */
  <T> T read(Work<T> query) throws EngineException {
    return locked(query, false, false);
  }

  private <T> T locked(Work<T> work, boolean save, boolean sync) throws EngineException {
    jvmLock.lock();
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel lock =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = lock.lock()) {
        IpamFile state = read();
        T result = work.apply(state);
        if (save) {
          write(state, sync);
        }
        return result;
      }
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE, "update IPAM state " + file + ": " + e.getMessage(), e);
    } finally {
      jvmLock.unlock();
    }
  }

  private IpamFile read() throws IOException, EngineException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return IpamFile.empty();
    }
    try {
      IpamFile state = JSON.readValue(bytes, IpamFile.class);
      if (state.version() != IpamFile.CURRENT_VERSION) {
        throw new EngineException(
            ErrorKind.UNSUPPORTED,
            "IPAM state " + file + " has version " + state.version() + ", berth reads version 1");
      }
      return state;
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "IPAM state " + file + " is not valid JSON: " + e.getMessage(), e);
    }
  }

  private void write(IpamFile state, boolean sync) throws IOException {
    JsonFiles.writeAtomically(file, JSON.writeValueAsBytes(state), sync);
  }
}
