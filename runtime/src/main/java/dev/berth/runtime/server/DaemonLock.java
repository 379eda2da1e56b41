package dev.berth.runtime.server;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The lock file that keeps a second berthd off a root; holds the owner's pid for messages. */
final class DaemonLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DaemonLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes {@code file}'s lock, or fails CONFLICT naming the berthd that holds it. */
  static DaemonLock acquire(Path file) throws EngineException {
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.UNAVAILABLE, "opening the lock file " + file + ": " + e, e);
    }
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        throw held(file);
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
      channel.force(true);
      return new DaemonLock(channel, lock);
    } catch (OverlappingFileLockException e) {
      closeQuietly(channel);
      throw held(file);
    } catch (EngineException e) {
      closeQuietly(channel);
      throw e;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new EngineException(ErrorKind.UNAVAILABLE, "locking " + file + ": " + e, e);
    }
  }

  private static EngineException held(Path file) {
    String pid;
    try {
      pid = Files.readString(file).strip();
    } catch (IOException e) {
      pid = "";
    }
    return new EngineException(
        ErrorKind.CONFLICT,
        "another berthd"
            + (pid.isEmpty() ? "" : " (pid " + pid + ")")
            + " already runs on "
            + file.getParent()
            + ": it holds "
            + file);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing held yet
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException ignored) {
      // closing the channel releases it too
    }
    closeQuietly(channel);
  }
}
