package dev.berth.runtime.registry;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.content.Ingest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** A download stream that also writes every byte it yields into an ingest, reporting progress. */
final class TeeToIngest extends FilterInputStream {
  /** The network failed, as opposed to whatever the reader does with the bytes. */
  static final class NetworkFailure extends IOException {
    NetworkFailure(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** The ingest refused bytes (more than announced), carried through the reader. */
  static final class IngestFailure extends IOException {
    final EngineException cause;

    IngestFailure(EngineException cause) {
      super(cause.getMessage(), cause);
      this.cause = cause;
    }
  }

  private final Ingest ingest;
  private final LongConsumer progress;

  TeeToIngest(InputStream in, Ingest ingest, LongConsumer progress) {
    super(in);
    this.ingest = ingest;
    this.progress = progress;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException e) {
      throw new NetworkFailure(e);
    }
    if (n > 0) {
      try {
        ingest.write(b, off, n);
      } catch (EngineException e) {
        throw new IngestFailure(e);
      }
      progress.accept(ingest.written());
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long done = 0;
    while (done < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - done));
      if (r < 0) {
        break;
      }
      done += r;
    }
    return done;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads whatever the reader left, so the whole blob reaches the ingest. */
  void drain() throws IOException {
    skip(Long.MAX_VALUE);
  }
}
