package dev.berth.runtime.server.hijack;

import dev.berth.runtime.server.http.ServerLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.FutureCallback;

/**
 * The Jetty connection that replaces HTTP after a {@code 101}: runs a {@link RawSession} on a
 * worker thread with blocking streams over the endpoint. A client's half-close ends the input only;
 * the session ends the connection when it returns.
 */
public final class HijackedConnection extends AbstractConnection implements Connection.UpgradeTo {
  private final RawSession session;
  private final ServerLog log;
  private final Object lock = new Object();
  private ByteBuffer prefilled = BufferUtil.EMPTY_BUFFER;
  private boolean fillable;
  private boolean closed;

  public HijackedConnection(
      EndPoint endPoint, Executor executor, RawSession session, ServerLog log) {
    super(endPoint, executor);
    this.session = session;
    this.log = log;
  }

  @Override
  public void onUpgradeTo(ByteBuffer buffer) {
    if (BufferUtil.hasContent(buffer)) {
      prefilled = BufferUtil.copy(buffer);
    }
  }

  @Override
  public void onOpen() {
    super.onOpen();
    getEndPoint().setIdleTimeout(0);
    try {
      getExecutor().execute(this::runSession);
    } catch (RejectedExecutionException e) {
      log.warn("no thread for a hijacked connection; closing it", e);
      getEndPoint().close(e);
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
    markClosed();
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

  private void runSession() {
    try {
      session.run(new Input(), new Output());
    } catch (IOException e) {
      log.info("hijacked connection ended early: " + e);
    } catch (RuntimeException e) {
      log.warn("hijacked session failed", e);
    } finally {
      getEndPoint().shutdownOutput();
      getEndPoint().close();
    }
  }

  private int read(byte[] bytes, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (prefilled.hasRemaining()) {
      int n = Math.min(length, prefilled.remaining());
      prefilled.get(bytes, offset, n);
      return n;
    }
    ByteBuffer buffer = BufferUtil.allocate(length);
    while (true) {
      int n;
      try {
        n = getEndPoint().fill(buffer);
      } catch (IOException e) {
        return -1;
      }
      if (n != 0) {
        if (n > 0) {
          buffer.get(bytes, offset, n);
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
      while (!fillable && !closed) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted reading a hijacked connection");
        }
      }
    }
  }

  private void write(byte[] bytes, int offset, int length) throws IOException {
    FutureCallback done = new FutureCallback();
    getEndPoint().write(done, ByteBuffer.wrap(bytes, offset, length));
    try {
      done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted writing a hijacked connection");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException(cause);
    }
  }

  /** What the client sends, ending at its half-close. */
  private final class Input extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      return HijackedConnection.this.read(bytes, offset, length);
    }
  }

  /**
   * What the client receives; every write goes out before it returns. Synchronized because a TTY
   * container's stdout and stderr are this one stream, and Jetty allows one pending write.
   */
  private final class Output extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
      HijackedConnection.this.write(bytes, offset, length);
    }
  }
}
