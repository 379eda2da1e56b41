package dev.berth.runtime.server.hijack;

import dev.berth.runtime.api.BlockingConnection;
import dev.berth.runtime.server.http.ServerLog;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.eclipse.jetty.io.EndPoint;

/**
 * The Jetty connection that replaces HTTP after a {@code 101}: runs a {@link RawSession} on a
 * worker thread with blocking streams over the endpoint. A client's half-close ends the input only
 * (as does a broken client); the session ends the connection when it returns.
 */
public final class HijackedConnection extends BlockingConnection {
  private final RawSession session;
  private final ServerLog log;

  public HijackedConnection(
      EndPoint endPoint, Executor executor, RawSession session, ServerLog log) {
    super(endPoint, executor, "the client");
    this.session = session;
    this.log = log;
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
  protected int readFailed(IOException e) {
    return -1; // the client is gone: no more input, the session's output fails on its own
  }

  private void runSession() {
    try {
      session.run(in(), out());
    } catch (IOException e) {
      log.info("hijacked connection ended early: " + e);
    } catch (RuntimeException e) {
      log.warn("hijacked session failed", e);
    } finally {
      getEndPoint().shutdownOutput();
      getEndPoint().close();
    }
  }
}
