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
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.FutureCallback;

/**
 * A Jetty connection taken over from HTTP (Docker's "hijack", an upgrade to a raw byte stream both
 * ways) and used with blocking streams: {@link #in()} waits for Jetty to say there is more to read;
 * every write to {@link #out()} returns once its bytes are out. The engine client's {@link
 * RawStream} and berthd's hijacked connections are the two ends.
 */
public abstract class BlockingConnection extends AbstractConnection
    implements Connection.UpgradeTo {
  private final String peer;
  private final Object lock = new Object();
  private final Object writing = new Object();
  private ByteBuffer pending = BufferUtil.EMPTY_BUFFER;
  private boolean fillable;
  private boolean closed;

  /** {@code peer} names the other end in errors ("the engine", "the client"). */
  protected BlockingConnection(EndPoint endPoint, Executor executor, String peer) {
    super(endPoint, executor);
    this.peer = peer;
  }

  /** What the peer sends, ending when it closes (or half-closes) its side. */
  public final InputStream in() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return BlockingConnection.this.read(b, off, len);
      }
    };
  }

  /**
   * What goes to the peer; writes from several threads go out one after another (Jetty allows one
   * pending write, and a TTY process's stdout and stderr share the one stream).
   */
  public final OutputStream out() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        BlockingConnection.this.write(b, off, len);
      }
    };
  }

  /**
   * What a read returns when the endpoint fails: by default the failure itself; a side for which a
   * broken peer just means "no more input" returns -1.
   */
  protected int readFailed(IOException e) throws IOException {
    throw e;
  }

  @Override
  public void onUpgradeTo(ByteBuffer buffer) {
    if (BufferUtil.hasContent(buffer)) {
      ByteBuffer copy = BufferUtil.copy(buffer);
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
    markClosed(); // the next fill reports the failure or the end
  }

  @Override
  public void onClose(Throwable cause) {
    super.onClose(cause);
    markClosed();
  }

  private void markClosed() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
  }

  private int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    synchronized (lock) {
      if (pending.hasRemaining()) {
        int n = Math.min(len, pending.remaining());
        pending.get(b, off, n);
        return n;
      }
    }
    ByteBuffer buffer = BufferUtil.allocate(Math.max(len, 8192));
    while (true) {
      int filled;
      try {
        filled = getEndPoint().fill(buffer);
      } catch (IOException e) {
        return readFailed(e);
      }
      if (filled < 0) {
        return -1;
      }
      if (filled > 0) {
        int n = Math.min(len, buffer.remaining());
        buffer.get(b, off, n);
        synchronized (lock) {
          pending = buffer; // what did not fit, for the next read
        }
        return n;
      }
      synchronized (lock) {
        if (closed) {
          return -1;
        }
        fillable = false;
      }
      fillInterested();
      awaitFillable();
    }
  }

  private void awaitFillable() throws IOException {
    synchronized (lock) {
      while (!fillable && !closed && getEndPoint().isOpen()) {
        try {
          lock.wait(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted reading from " + peer);
        }
      }
    }
  }

  private void write(byte[] b, int off, int len) throws IOException {
    synchronized (writing) {
      FutureCallback written = new FutureCallback();
      getEndPoint().write(written, ByteBuffer.wrap(b, off, len));
      try {
        written.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted writing to " + peer);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        throw cause instanceof IOException io
            ? io
            : new IOException("writing to " + peer + ": " + cause, cause);
      }
    }
  }
}
