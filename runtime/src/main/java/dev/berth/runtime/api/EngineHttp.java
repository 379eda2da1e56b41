package dev.berth.runtime.api;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.UpgradeProtocolHandler;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty client behind an {@link EngineClient}: plain HTTP (requests name their unix socket),
 * able to take over a connection for {@code Upgrade: tcp}. A short-lived CLI may {@linkplain
 * #prestart() start one early} on a thread of its own, overlapping Jetty's start-up (tens of
 * milliseconds on a cold JVM) with its other work; the next {@link EngineClient} takes it.
 */
public final class EngineHttp {
  /** A client started early, waiting for the next {@link #take()}, or null. */
  private static final AtomicReference<CompletableFuture<HttpClient>> PRESTARTED =
      new AtomicReference<>();

  private EngineHttp() {}

  /**
   * Starts, on a thread of its own, the client the next {@link EngineClient#forUnixSocket} takes.
   * For a process's {@code main} only, which calls {@link #discardPrestarted()} before it exits.
   */
  public static void prestart() {
    CompletableFuture<HttpClient> future = new CompletableFuture<>();
    if (!PRESTARTED.compareAndSet(null, future)) {
      return;
    }
    Thread thread =
        new Thread(
            () -> {
              try {
                future.complete(start());
              } catch (EngineException | RuntimeException e) {
                future.completeExceptionally(e);
              }
            },
            "berth-client-start");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Stops the client {@link #prestart()} started if nothing took it: the JVM waits up to 300 ms at
   * exit for threads in native code, such as the client's selector in {@code epoll_wait}.
   */
  public static void discardPrestarted() {
    CompletableFuture<HttpClient> prestarted = PRESTARTED.getAndSet(null);
    if (prestarted != null) {
      try {
        prestarted.join().stop();
      } catch (Exception e) {
        // it did not start, or stopping failed: either way nothing is left to release
      }
    }
  }

  /** The prestarted client if there is one, else a client started now. */
  static HttpClient take() throws EngineException {
    CompletableFuture<HttpClient> prestarted = PRESTARTED.getAndSet(null);
    if (prestarted != null) {
      try {
        return prestarted.join();
      } catch (RuntimeException e) {
        // it did not start: start one here, which says why
      }
    }
    return start();
  }

  static HttpClient start() throws EngineException {
    // Jetty asks the platform MBean server whether oops are compressed unless told: that alone
    // costs a short-lived CLI about 60 ms of JMX start-up.
    System.getProperties().putIfAbsent("org.eclipse.jetty.util.referencesPerCacheLine", "16");
    QueuedThreadPool threads = new QueuedThreadPool(8, 1);
    threads.setName("berth-engine-client");
    threads.setDaemon(true);
    // A unix socket needs no TLS: without an SSL context factory the client does not initialise
    // the JDK's TLS providers (another 100 ms or so).
    ClientConnector connector =
        new ClientConnector() {
          @Override
          protected SslContextFactory.Client newSslContextFactory() {
            return null;
          }
        };
    connector.setExecutor(threads);
    HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
    http.setExecutor(threads);
    http.setUserAgentField(null);
    try {
      http.start();
    } catch (Exception e) {
      throw new EngineException(ErrorKind.INTERNAL, "starting the engine client: " + e, e);
    }
    // Jetty upgrades only to websocket and h2c by itself; engines hijack exec and attach streams
    // with "Upgrade: tcp" (see hijack); put after start, which sets the defaults
    http.getProtocolHandlers()
        .put(
            new UpgradeProtocolHandler() {
              @Override
              protected boolean acceptHeaders(Request request, Response response) {
                // asked when the status line arrives, before the response's headers
                return super.acceptHeaders(request, response)
                    || "tcp".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE));
              }
            });

    return http;
  }
}
