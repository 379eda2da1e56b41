package dev.berth.runtime.server;

import dev.berth.runtime.server.endpoints.ContainerEndpoints;
import dev.berth.runtime.server.endpoints.EngineIdentity;
import dev.berth.runtime.server.endpoints.EventsEndpoint;
import dev.berth.runtime.server.endpoints.HostFacts;
import dev.berth.runtime.server.endpoints.NotImplementedEndpoints;
import dev.berth.runtime.server.endpoints.SystemEndpoints;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.runtime.server.engine.FakeContainerService;
import dev.berth.runtime.server.http.ApiServer;
import dev.berth.runtime.server.http.ServerLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * berthd's API server on a socket in {@code dir}, backed by the fake container service, with its
 * log collected in memory. Close it to stop everything it started.
 */
public final class TestServer implements AutoCloseable {
  public final Path socket;
  public final EventBus events = EventBus.withDefaults();
  public final FakeContainerService containers = new FakeContainerService(events);
  public final List<String> log = new CopyOnWriteArrayList<>();
  public final ApiServer server;

  private TestServer(Path dir, ApiServer.Options options) throws Exception {
    this.socket = options.socket();
    ServerLog collect =
        new ServerLog() {
          @Override
          public void info(String message) {
            log.add("info " + message);
          }

          @Override
          public void warn(String message, Throwable cause) {
            log.add("warn " + message + (cause == null ? "" : ": " + cause));
          }
        };
    this.server =
        ApiServer.start(
            options,
            List.of(
                new SystemEndpoints(
                    new EngineIdentity("test-engine", "test-host", dir),
                    HostFacts.detect(),
                    containers::counts,
                    events,
                    dev.berth.runtime.registry.RegistryConfig.defaults()),
                new EventsEndpoint(events, Clock.systemUTC(), EventsEndpoint.DEFAULT_MAX_QUEUED),
                new ContainerEndpoints(containers, collect),
                new NotImplementedEndpoints()),
            collect);
  }

  /** A server on {@code dir/berth.sock} with default options. */
  public static TestServer start(Path dir) throws Exception {
    return new TestServer(dir, ApiServer.Options.defaults(dir.resolve("berth.sock")));
  }

  /** A server with these options. */
  public static TestServer start(Path dir, ApiServer.Options options) throws Exception {
    return new TestServer(dir, options);
  }

  @Override
  public void close() throws Exception {
    events.close();
    server.close();
    containers.close();
  }
}
