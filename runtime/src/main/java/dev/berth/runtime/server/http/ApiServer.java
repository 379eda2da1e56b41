package dev.berth.runtime.server.http;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The Docker Engine API served by Jetty on a unix socket; {@link #close} stops it. */
public final class ApiServer implements AutoCloseable {
  private static final String ATTACH_THREADS = "berthd-attach";
  private final Server jetty;
  private final Path socket;
  private final ServerLog log;

  /**
   * How the server runs: where, how large a body may be, how long an idle connection stays, how
   * many threads serve at most.
   */
  public record Options(
      Path socket, long maxBodyBytes, Duration idleTimeout, int maxThreads, Duration stopTimeout) {
    public Options {
      Objects.requireNonNull(socket, "socket");
      if (maxBodyBytes <= 0 || maxThreads < 8) {
        throw new IllegalArgumentException("maxBodyBytes > 0 and maxThreads >= 8 required");
      }
    }

    /** 16 MiB bodies, 5 min idle connections, 256 threads, 5 s to stop. */
    public static Options defaults(Path socket) {
      return new Options(socket, 16L << 20, Duration.ofMinutes(5), 256, Duration.ofSeconds(5));
    }
  }

  private ApiServer(Server jetty, Path socket, ServerLog log) {
    this.jetty = jetty;
    this.socket = socket;
    this.log = log;
  }

  /** Starts serving {@code endpoints} on the options' socket. */
  public static ApiServer start(Options options, List<Endpoints> endpoints, ServerLog log)
      throws EngineException {
    Routes routes = new Routes();
    endpoints.forEach(group -> group.register(routes));
    Path socket = options.socket().toAbsolutePath();
    SocketFile.claim(socket);

    QueuedThreadPool threads = new QueuedThreadPool(options.maxThreads(), 4);
    threads.setName("berthd-api");
    Server jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setRequestHeaderSize(64 * 1024);
    // docker-java (Testcontainers) sends image names with %2F: /images/host%3A5000%2Fx/json
    http.setUriCompliance(
        UriCompliance.DEFAULT.with("berthd", UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
    UnixDomainServerConnector connector =
        new UnixDomainServerConnector(jetty, new HttpConnectionFactory(http));
    connector.setUnixDomainPath(socket);
    connector.setIdleTimeout(options.idleTimeout().toMillis());
    jetty.addConnector(connector);
    // Hijacked streams live as long as their containers; they get threads of their own so that
    // attached clients never starve the API's pool.
    QueuedThreadPool attachThreads = new QueuedThreadPool(4096, 0);
    attachThreads.setName(ATTACH_THREADS);
    attachThreads.setStopTimeout(options.stopTimeout().toMillis());
    jetty.addBean(attachThreads);
    jetty.setHandler(new Router(routes, options.maxBodyBytes(), attachThreads, log));
    jetty.setErrorHandler(new ApiErrorHandler());
    jetty.setStopTimeout(options.stopTimeout().toMillis());
    ApiServer server = new ApiServer(jetty, socket, log);
    try {
      jetty.start();
      SocketFile.restrict(socket);
    } catch (EngineException e) {
      server.close();
      throw e;
    } catch (Exception e) {
      server.close();
      throw new EngineException(ErrorKind.UNAVAILABLE, "serving on " + socket + ": " + e, e);
    }
    log.info("serving the Docker Engine API on " + socket);
    return server;
  }

  /** Threads of the server's pool running a task now (selectors and acceptors included). */
  public int busyThreads() {
    return ((QueuedThreadPool) jetty.getThreadPool()).getBusyThreads();
  }

  /** Threads running hijacked sessions now. */
  public int busyAttachThreads() {
    return jetty.getBeans(QueuedThreadPool.class).stream()
        .filter(pool -> pool.getName().equals(ATTACH_THREADS))
        .mapToInt(QueuedThreadPool::getBusyThreads)
        .sum();
  }

  /** The socket this server listens on. */
  public Path socket() {
    return socket;
  }

  /** Stops serving, closes every connection and removes the socket file. */
  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      log.warn("stopping the API server on " + socket, e);
    } finally {
      SocketFile.remove(socket);
    }
  }
}
