package dev.berth.runtime.api;

import java.util.concurrent.Executor;
import org.eclipse.jetty.io.EndPoint;

/**
 * A connection the engine upgraded to a raw byte stream both ways (Docker's "hijack" of {@code POST
 * /exec/{id}/start} and {@code /containers/{id}/attach}): {@link #in()} is what the engine sends
 * (multiplexed frames unless the process has a TTY), {@link #out()} goes to the process's stdin.
 * {@link #closeWrite} half-closes it: the engine then closes the process's stdin.
 */
public final class RawStream extends BlockingConnection {
  RawStream(EndPoint endPoint, Executor executor) {
    super(endPoint, executor, "the engine");
  }

  /** Ends stdin: no more writes, reads go on until the engine closes its side. */
  public void closeWrite() {
    getEndPoint().shutdownOutput();
  }
}
