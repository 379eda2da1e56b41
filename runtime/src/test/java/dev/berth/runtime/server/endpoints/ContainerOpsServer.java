package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.container.ContainerSpec;
import dev.berth.runtime.container.ContainerState;
import dev.berth.runtime.container.Containers;
import dev.berth.runtime.container.ContainersConfig;
import dev.berth.runtime.container.EngineRoots;
import dev.berth.runtime.container.ImageConfig;
import dev.berth.runtime.container.OverlayRootfs;
import dev.berth.runtime.container.TestBusybox;
import dev.berth.runtime.oci.LocalProcessRunner;
import dev.berth.runtime.server.engine.ContainerCounts;
import dev.berth.runtime.server.engine.EngineEvent;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.runtime.server.http.ApiServer;
import dev.berth.runtime.server.http.Endpoints;
import dev.berth.runtime.server.http.Routes;
import dev.berth.runtime.server.http.ServerLog;
import dev.berth.runtime.state.FileTrees;
import dev.berth.runtime.volume.MountRequest;
import dev.berth.testkit.HostLeakCheck;
import dev.berth.testkit.Leak;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An API server over a real {@link Containers} (crun, conmon, overlay busybox rootfs) on temporary
 * roots, serving the container-ops endpoints plus what the docker CLI needs around them: ping and
 * version, events, and a minimal container inspect (test only; the real one is ContainerEndpoints).
 * Closing it removes every container it made and its roots.
 */
final class ContainerOpsServer implements AutoCloseable {
  final Path dir;
  final Path socket;
  final EventBus events = EventBus.withDefaults();
  final Containers containers;
  final ApiServer server;
  final List<String> log = new CopyOnWriteArrayList<>();
  private final Path image;
  private final ExecEndpoints exec;
  private final StatsEndpoint stats;
  private final HostLeakCheck.Snapshot before = HostLeakCheck.snapshot();

  private ContainerOpsServer(Path dir, Duration execKeep) throws Exception {
    this.dir = dir;
    this.image = TestBusybox.build(dir.resolve("image"));
    EngineRoots roots =
        new EngineRoots(
            Files.createDirectories(dir.resolve("state")),
            Files.createDirectories(dir.resolve("run")));
    this.containers =
        Containers.open(
            ContainersConfig.of(roots, "crun"),
            new LocalProcessRunner(),
            new OverlayRootfs(),
            dev.berth.runtime.container.HostFacts.read(),
            Clock.systemUTC(),
            (id, action, detail) ->
                events.publish(
                    new EngineEvent(
                        "container", action, id, Map.of(), Clock.systemUTC().instant())));
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
    this.socket = dir.resolve("berth.sock");
    this.exec = new ExecEndpoints(containers, events, collect, Clock.systemUTC(), execKeep);
    this.stats = new StatsEndpoint(containers);
    this.server =
        ApiServer.start(
            ApiServer.Options.defaults(socket),
            List.of(
                new SystemEndpoints(
                    new EngineIdentity("ops-test", "ops-host", dir),
                    HostFacts.detect(),
                    () -> ContainerCounts.NONE,
                    events,
                    dev.berth.runtime.registry.RegistryConfig.defaults()),
                new EventsEndpoint(events, Clock.systemUTC(), EventsEndpoint.DEFAULT_MAX_QUEUED),
                new InspectForTests(),
                exec,
                new ArchiveEndpoints(containers, collect),
                new TopEndpoint(containers),
                stats,
                new PauseEndpoints(containers)),
            collect);
  }

  static ContainerOpsServer start(Path dir) throws Exception {
    return new ContainerOpsServer(dir, ExecEndpoints.DEFAULT_KEEP);
  }

  static ContainerOpsServer start(Path dir, Duration execKeep) throws Exception {
    return new ContainerOpsServer(dir, execKeep);
  }

  /** Creates and starts a busybox container running {@code command}; returns its id. */
  String run(String name, String... command) throws EngineException {
    return run(name, b -> {}, command);
  }

  String run(String name, Consumer<ContainerSpec.Builder> more, String... command)
      throws EngineException {
    ContainerSpec.Builder builder =
        ContainerSpec.builder(ImageConfig.ofCmd("sh"), List.of(image)).name(name).command(command);
    more.accept(builder);
    String id = containers.create(builder.build());
    containers.start(id);
    return id;
  }

  static Consumer<ContainerSpec.Builder> bind(Path source, String target) {
    return b -> b.mount(MountRequest.bind(source.toString(), target, false));
  }

  /** The host path of {@code path} in the container's rootfs (its overlay mount). */
  Path rootfs(String id) throws EngineException {
    return containers.filesystem(id).root();
  }

  @Override
  public void close() throws Exception {
    try {
      for (String id : containers.list()) {
        containers.remove(id, true, true);
      }
    } finally {
      containers.close();
      exec.close();
      stats.close();
      events.close();
      server.close();
    }
    // the host is shared: only what names this server's directory counts
    List<Leak> leaks =
        HostLeakCheck.leakedSince(before).stream()
            .filter(leak -> leak.name().contains(dir.toString()))
            .toList();
    FileTrees.deleteTree(dir);
    if (!leaks.isEmpty()) {
      throw new AssertionError("left on the host: " + leaks);
    }
  }

  /** {@code GET /containers/{id}/json} with what the docker CLI reads before exec, cp and top. */
  private final class InspectForTests implements Endpoints {
    @Override
    public void register(Routes routes) {
      routes.get(
          "/containers/{id}/json",
          (request, response) -> {
            ContainerState state = containers.inspect(request.param("id"));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("Id", state.id());
            body.put("Name", "/" + state.name());
            body.put("Path", "sh");
            body.put("Args", new ArrayList<>());
            body.put(
                "State",
                Map.of(
                    "Status", state.status().dockerName(),
                    "Running", state.status().dockerName().equals("running"),
                    "Paused", state.status().dockerName().equals("paused"),
                    "Pid", state.pid(),
                    "ExitCode", state.exitCode()));
            body.put("Config", Map.of("Tty", false, "Image", "busybox", "Labels", Map.of()));
            body.put("HostConfig", Map.of());
            response.json(200, body);
          });
    }
  }
}
