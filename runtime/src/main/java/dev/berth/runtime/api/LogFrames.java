package dev.berth.runtime.api;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads Docker's multiplexed stream ({@code GET /containers/{id}/logs}, attach, exec of a container
 * without a TTY): frames of an 8-byte header {@code [stream, 0, 0, 0, size(4, big endian)]} and
 * {@code size} bytes of payload. A TTY container's stream is raw and read as stdout.
 */
public final class LogFrames {

  /** Receives each frame's payload; {@code stream} is 1 for stdout, 2 for stderr. */
  @FunctionalInterface
  public interface Sink {
    void frame(int stream, byte[] payload) throws IOException;
  }

  private LogFrames() {}

  /** Reads {@code in} to its end, handing frames to {@code sink}. */
  public static void read(InputStream in, boolean tty, Sink sink) throws IOException {
    if (tty) {
      byte[] buf = new byte[8192];
      int n;
      while ((n = in.read(buf)) > 0) {
        sink.frame(1, java.util.Arrays.copyOf(buf, n));
      }
      return;
    }
    DataInputStream data = new DataInputStream(in);
    byte[] header = new byte[8];
    while (true) {
      try {
        data.readFully(header);
      } catch (EOFException end) {
        return;
      }
      int size =
          ((header[4] & 0xff) << 24)
              | ((header[5] & 0xff) << 16)
              | ((header[6] & 0xff) << 8)
              | (header[7] & 0xff);
      byte[] payload = new byte[size];
      data.readFully(payload);
      sink.frame(header[0], payload);
    }
  }
}
