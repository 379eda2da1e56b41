package dev.berth.runtime.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.FutureCallback;

/**
 * A connection the engine upgraded to a raw byte stream both ways (Docker's "hijack" of {@code POST
 * /exec/{id}/start} and {@code /containers/{id}/attach}), read and written with blocking streams.
 * {@link #closeWrite} half-closes it: the engine then closes the process's stdin.
 */
public final class RawStream extends AbstractConnection implements Connection.UpgradeTo {
  private final Object lock = new Object();
  private ByteBuffer pending = ByteBuffer.allocate(0);
  private boolean fillable;

  RawStream(EndPoint endPoint, Executor executor) {
    super(endPoint, executor);
  }

  /**
   * What the engine sends: the stream's bytes (multiplexed frames unless the process has a TTY).
   */
  public InputStream in() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return RawStream.this.read(b, off, len);
      }
    };
  }

  /** What goes to the process's stdin. */
  public OutputStream out() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        FutureCallback written = new FutureCallback();
        getEndPoint().write(written, ByteBuffer.wrap(b.clone(), off, len));
        try {
          written.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("writing to the engine");
        } catch (ExecutionException e) {
          throw new IOException("writing to the engine: " + e.getCause(), e.getCause());
        }
      }
    };
  }

  /** Ends stdin: no more writes, reads go on until the engine closes its side. */
  public void closeWrite() {
    getEndPoint().shutdownOutput();
  }

  @Override
  public void onUpgradeTo(ByteBuffer buffer) {
    if (buffer != null && buffer.hasRemaining()) {
      ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
      copy.put(buffer).flip();
      synchronized (lock) {
        pending = copy;
      }
    }
  }

  @Override
  public void onFillable() {
    synchronized (lock) {
      fillable = true;
      lock.notifyAll();
    }
  }

  @Override
  public void onFillInterestedFailed(Throwable cause) {
    onFillable(); // the next fill reports the failure or the end
  }

  private int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (true) {
      synchronized (lock) {
        if (pending.hasRemaining()) {
          int n = Math.min(len, pending.remaining());
          pending.get(b, off, n);
          return n;
        }
      }
      ByteBuffer buffer = ByteBuffer.allocate(Math.max(len, 8192));
      buffer.flip();
      int filled = getEndPoint().fill(buffer);
      if (filled < 0) {
        return -1;
      }
      if (filled > 0) {
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        synchronized (lock) {
          pending = buffer;
        }
        return n;
      }
      awaitFillable();
    }
  }

  private void awaitFillable() throws IOException {
    synchronized (lock) {
      fillable = false;
    }
    fillInterested();
    synchronized (lock) {
      while (!fillable) {
        if (!getEndPoint().isOpen()) {
          return;
        }
        try {
          lock.wait(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("reading from the engine");
        }
      }
    }
  }
}
