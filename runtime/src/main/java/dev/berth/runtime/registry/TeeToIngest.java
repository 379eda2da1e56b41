package dev.berth.runtime.registry;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.content.Ingest;
import dev.berth.runtime.content.ObservedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** A download stream that also writes every byte it yields into an ingest, reporting progress. */
final class TeeToIngest extends ObservedInputStream {
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
  protected int readSource(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (IOException e) {
      throw new NetworkFailure(e);
    }
  }

  @Override
  protected void observe(byte[] b, int off, int n) throws IOException {
    try {
      ingest.write(b, off, n);
    } catch (EngineException e) {
      throw new IngestFailure(e);
    }
    progress.accept(ingest.written());
  }

  /** Reads whatever the reader left, so the whole blob reaches the ingest. */
  void drain() throws IOException {
    skip(Long.MAX_VALUE);
  }
}
