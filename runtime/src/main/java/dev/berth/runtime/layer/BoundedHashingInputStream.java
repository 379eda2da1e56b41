package dev.berth.runtime.layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes and counts the uncompressed tar, failing once it exceeds the layer's byte limit. */
final class BoundedHashingInputStream extends FilterInputStream {
  private final MessageDigest hasher;
  private final long limit;
  private long count;

  BoundedHashingInputStream(InputStream in, MessageDigest hasher, long limit) {
    super(in);
    this.hasher = hasher;
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      count += n;
      if (count > limit) {
        throw new LimitExceeded(limit);
      }
      hasher.update(b, off, n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[8192];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
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
