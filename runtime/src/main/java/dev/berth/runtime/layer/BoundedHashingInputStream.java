package dev.berth.runtime.layer;

import dev.berth.runtime.content.ObservedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes and counts the uncompressed tar, failing once it exceeds the layer's byte limit. */
final class BoundedHashingInputStream extends ObservedInputStream {
  private final MessageDigest hasher;
  private final long limit;
  private long count;

  BoundedHashingInputStream(InputStream in, MessageDigest hasher, long limit) {
    super(in);
    this.hasher = hasher;
    this.limit = limit;
  }

  @Override
  protected void observe(byte[] b, int off, int n) throws IOException {
    count += n;
    if (count > limit) {
      throw new LimitExceeded(limit);
    }
    hasher.update(b, off, n);
  }

  long count() {
    return count;
  }

  /** Thrown through the tar reader when the limit is passed; translated by the unpacker. */
  static final class LimitExceeded extends IOException {
    LimitExceeded(long limit) {
      super("uncompressed layer exceeds " + limit + " bytes");
    }
  }
}
