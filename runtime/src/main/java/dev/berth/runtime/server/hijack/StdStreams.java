package dev.berth.runtime.server.hijack;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Docker's multiplexed stdout/stderr on one stream, for containers without a TTY: each write is a
 * frame {@code [type, 0, 0, 0, size (4 bytes, big-endian)]} then {@code size} bytes, type 1 for
 * stdout and 2 for stderr (Docker Engine API, "Attach to a container", "Stream format").
 */
public final class StdStreams {
  private final OutputStream raw;

  public StdStreams(OutputStream raw) {
    this.raw = raw;
  }

  /** Frames written here as stdout. */
  public OutputStream stdout() {
    return new Framed(1);
  }

  /** Frames written here as stderr. */
  public OutputStream stderr() {
    return new Framed(2);
  }

  private synchronized void frame(int type, byte[] bytes, int offset, int length)
      throws IOException {
    if (length == 0) {
      return;
    }
    byte[] header = {
      (byte) type,
      0,
      0,
      0,
      (byte) (length >>> 24),
      (byte) (length >>> 16),
      (byte) (length >>> 8),
      (byte) length
    };
    byte[] frame = new byte[8 + length];
    System.arraycopy(header, 0, frame, 0, 8);
    System.arraycopy(bytes, offset, frame, 8, length);
    raw.write(frame);
  }

  /** One of the two streams. */
  private final class Framed extends OutputStream {
    private final int type;

    Framed(int type) {
      this.type = type;
    }

    @Override
    public void write(int b) throws IOException {
      frame(type, new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      frame(type, bytes, offset, length);
    }
  }
}
