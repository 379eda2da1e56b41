package dev.berth.runtime.content;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that shows every byte it yields to {@link #observe} (to hash, count or copy it), and
 * skips by reading so nothing passes unobserved.
 */
public abstract class ObservedInputStream extends FilterInputStream {
  private static final int SKIP_BUFFER = 64 * 1024;

  protected ObservedInputStream(InputStream in) {
    super(in);
  }

  /** Called with each run of bytes as it is read, before the reader sees it. */
  protected abstract void observe(byte[] b, int off, int n) throws IOException;

  /** Reads from the underlying stream; override to tell its failures apart. */
  protected int readSource(byte[] b, int off, int len) throws IOException {
    return in.read(b, off, len);
  }

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public final int read(byte[] b, int off, int len) throws IOException {
    int n = readSource(b, off, len);
    if (n > 0) {
      observe(b, off, n);
    }
    return n;
  }

  @Override
  public final long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(SKIP_BUFFER, Math.max(n, 1))];
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
  public final boolean markSupported() {
    return false;
  }
}
