package dev.berth.runtime.content;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.image.Digest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * One blob being written: bytes are hashed as they arrive into a private file; {@link #commit()}
 * verifies digest and size, fsyncs and renames it into the store. Closing without commit discards.
 */
public final class Ingest implements AutoCloseable {
  private final Digest expected;
  private final long expectedSize;
  private final Path temp;
  private final Path target;
  private final FileChannel channel;
  private final OutputStream out;
  private final MessageDigest hasher;
  private long written;
  private boolean done;

  Ingest(Digest expected, long expectedSize, Path temp, Path target) throws IOException {
    this.expected = expected;
    this.expectedSize = expectedSize;
    this.temp = temp;
    this.target = target;
    this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    this.out = Channels.newOutputStream(channel);
    this.hasher = expected.newHasher();
  }

  /** Appends bytes; fails early when more arrive than the expected size. */
  public void write(byte[] buffer, int offset, int length) throws IOException, EngineException {
    if (expectedSize >= 0 && written + length > expectedSize) {
      throw new DigestMismatchException(
          expected, "more than the announced " + expectedSize + " bytes");
    }
    hasher.update(buffer, offset, length);
    out.write(buffer, offset, length);
    written += length;
  }

  /** Bytes written so far. */
  public long written() {
    return written;
  }

  /** Verifies and publishes the blob; afterwards it is visible under its digest. */
  public void commit() throws IOException, EngineException {
    if (expectedSize >= 0 && written != expectedSize) {
      throw new DigestMismatchException(
          expected, "got " + written + " bytes, announced " + expectedSize);
    }
    Digest actual = Digest.fromHash(expected.algorithm(), hasher.digest());
    if (!actual.equals(expected)) {
      throw new DigestMismatchException(expected, "the bytes hash to " + actual);
    }
    channel.force(true);
    channel.close();
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new EngineException(
          ErrorKind.INTERNAL, "cannot publish blob " + expected + " at " + target + ": " + e, e);
    }
    done = true;
  }

  @Override
  public void close() throws IOException {
    if (channel.isOpen()) {
      channel.close();
    }
    if (!done) {
      Files.deleteIfExists(temp);
    }
  }
}
