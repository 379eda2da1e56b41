package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.api.ExecCreateTemplate;
import dev.berth.runtime.api.ExecStartTemplate;
import dev.berth.runtime.api.IdTemplate;
import dev.berth.runtime.container.Containers;
import dev.berth.runtime.container.ExecIo;
import dev.berth.runtime.container.ExecProcess;
import dev.berth.runtime.container.ExecSpec;
import dev.berth.runtime.server.engine.EngineEvent;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.runtime.server.hijack.HijackedConnection;
import dev.berth.runtime.server.hijack.RawSession;
import dev.berth.runtime.server.hijack.StdStreams;
import dev.berth.runtime.server.http.ApiRequest;
import dev.berth.runtime.server.http.ApiResponse;
import dev.berth.runtime.server.http.Endpoints;
import dev.berth.runtime.server.http.Routes;
import dev.berth.runtime.server.http.ServerLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exec: {@code POST /containers/{id}/exec} creates an instance, {@code POST /exec/{id}/start} runs
 * it detached or over a hijacked connection (multiplexed frames without a TTY, raw with one),
 * {@code GET /exec/{id}/json} inspects it, {@code POST /exec/{id}/resize} checks its size.
 * Instances are forgotten {@code keep} after they ended or their container went.
 */
public final class ExecEndpoints implements Endpoints, AutoCloseable {
  private static final String RAW = "application/vnd.docker.raw-stream";
  private static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";

  /** How long a finished exec, or one whose container is gone, can still be inspected. */
  public static final Duration DEFAULT_KEEP = Duration.ofMinutes(5);

  /** The exit code of an exec whose process could not start, as dockerd reports it. */
  static final int START_FAILED = 126;

  private final Containers containers;
  private final EventBus events;
  private final ServerLog log;
  private final Clock clock;
  private final Duration keep;
  private final Map<String, ExecInstance> instances = new ConcurrentHashMap<>();
  private final ExecutorService pumps =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "berth-exec");
            t.setDaemon(true);
            return t;
          });

  public ExecEndpoints(Containers containers, EventBus events, ServerLog log) {
    this(containers, events, log, Clock.systemUTC(), DEFAULT_KEEP);
  }

  public ExecEndpoints(
      Containers containers, EventBus events, ServerLog log, Clock clock, Duration keep) {
    this.containers = containers;
    this.events = events;
    this.log = log;
    this.clock = clock;
    this.keep = keep;
  }

  @Override
  public void register(Routes routes) {
    routes.post("/containers/{id}/exec", this::create);
    routes.post("/exec/{id}/start", this::start);
    routes.get("/exec/{id}/json", this::inspect);
    routes.post("/exec/{id}/resize", this::resize);
  }

  private void create(ApiRequest request, ApiResponse response) throws EngineException {
    forgetOld();
    ExecCreateTemplate template = request.json(ExecCreateTemplate.class);
    if (template.cmd() == null || template.cmd().isEmpty()) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, request.describe() + ": no exec command specified");
    }
    var state = containers.inspect(request.param("id"));
    if (state.status() != dev.berth.runtime.container.ContainerStatus.RUNNING) {
      throw new EngineException(
          ErrorKind.CONFLICT,
          "container " + state.id() + " is " + state.status().dockerName() + ", not running");
    }
    ExecSpec spec =
        new ExecSpec(
            template.cmd(),
            template.env() == null ? List.of() : template.env(),
            template.user(),
            template.workingDir(),
            template.tty());
    ExecInstance instance =
        new ExecInstance(
            newId(),
            state.id(),
            state.name(),
            spec,
            template.attachStdin(),
            template.attachStdout(),
            template.attachStderr(),
            template.privileged(),
            template.detachKeys());
    instances.put(instance.id, instance);
    publish(instance, "exec_create: " + instance.commandLine(), Map.of());
    response.json(201, new IdTemplate(instance.id));
  }

  private void start(ApiRequest request, ApiResponse response) throws EngineException {
    ExecInstance instance = find(request.param("id"));
    ExecStartTemplate options = request.json(ExecStartTemplate.class);
    instance.starting();
    ExecIo io =
        options.detach()
            ? ExecIo.DETACHED
            : instance.attachStdin ? ExecIo.STDIN_AND_OUTPUT : ExecIo.OUTPUT_ONLY;
    ExecProcess process;
    EngineException failure = null;
    try {
      process = containers.startExec(instance.containerId, instance.spec, io);
      instance.running(process.pid().orElse(0));
      publish(instance, "exec_start: " + instance.commandLine(), Map.of());
    } catch (EngineException e) {
      if (options.detach() || e.kind() == ErrorKind.CONFLICT || e.kind() == ErrorKind.NOT_FOUND) {
        exited(instance, START_FAILED);
        throw e; // the container is not running (409) or gone (404): an answer of its own
      }
      // like dockerd, a process that cannot start (unknown user, ...) is reported in the stream
      failure = e;
      process = null;
    }
    if (options.detach()) {
      ExecProcess detached = process;
      pumps.execute(() -> awaitExit(instance, detached));
      response.empty(200);
      return;
    }
    String type = instance.spec.tty() ? RAW : MULTIPLEXED;
    RawSession session = failedOrRelay(instance, process, failure);
    if (upgrade(request)) {
      response.upgradeToTcp(
          type, (endPoint, executor) -> new HijackedConnection(endPoint, executor, session, log));
    } else {
      // a client that does not hijack reads the output as the body; it cannot send stdin
      try (OutputStream out = response.stream(200, type)) {
        session.run(InputStream.nullInputStream(), out);
      } catch (IOException e) {
        log.info("exec " + instance.id + ": client went away: " + e);
      }
    }
  }

  private RawSession failedOrRelay(
      ExecInstance instance, ExecProcess process, EngineException failure) {
    if (failure == null) {
      return (in, out) -> session(instance, process, in, out);
    }
    return (in, out) -> {
      try {
        byte[] message = (failure.getMessage() + "\r\n").getBytes(StandardCharsets.UTF_8);
        (instance.spec.tty() ? out : new StdStreams(out).stdout()).write(message);
      } finally {
        exited(instance, START_FAILED);
      }
    };
  }

  /** Relays stdin and output until the process's output ends, then records its exit code. */
  private void session(ExecInstance instance, ExecProcess process, InputStream in, OutputStream out)
      throws IOException {
    OutputStream stdout;
    OutputStream stderr;
    if (instance.spec.tty()) {
      stdout = out;
      stderr = out;
    } else {
      StdStreams streams = new StdStreams(out);
      stdout = streams.stdout();
      stderr = streams.stderr();
    }
    if (instance.attachStdin) {
      pumps.execute(() -> forwardStdin(in, process.stdin()));
    }
    Future<?> errors =
        instance.spec.tty()
            ? null
            : pumps.submit(() -> relay(process.stderr(), instance.attachStderr ? stderr : null));
    relay(process.stdout(), instance.attachStdout ? stdout : null);
    try {
      if (errors != null) {
        errors.get();
      }
    } catch (Exception e) {
      log.warn("exec " + instance.id + ": relaying stderr failed", e);
    }
    awaitExit(instance, process);
  }

  /** Copies until the end of {@code from}; a client gone (or none) only stops the copying out. */
  private static void relay(InputStream from, OutputStream to) {
    byte[] buffer = new byte[8192];
    boolean connected = to != null;
    try {
      int n;
      while ((n = from.read(buffer)) >= 0) {
        if (connected && n > 0) {
          try {
            to.write(buffer, 0, n);
            to.flush();
          } catch (IOException e) {
            connected = false; // the process keeps running, as with dockerd
          }
        }
      }
    } catch (IOException e) {
      // the process's pipe closed
    }
  }

  private static void forwardStdin(InputStream in, OutputStream stdin) {
    try (stdin) {
      in.transferTo(stdin);
    } catch (IOException e) {
      // the process stopped reading, or the client went away: either ends its input
    }
  }

  private void awaitExit(ExecInstance instance, ExecProcess process) {
    int code;
    try {
      code = process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    exited(instance, code);
  }

  private void exited(ExecInstance instance, int code) {
    instance.exited(code, clock.instant());
    publish(instance, "exec_die", Map.of("exitCode", Integer.toString(code)));
  }

  private void inspect(ApiRequest request, ApiResponse response) throws EngineException {
    forgetOld();
    response.json(200, find(request.param("id")).inspect());
  }

  private void resize(ApiRequest request, ApiResponse response) throws EngineException {
    find(request.param("id"));
    for (String name : List.of("h", "w")) {
      String text = request.query(name).orElse("0");
      try {
        if (Integer.parseInt(text) < 0) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT,
            "invalid " + name + "=\"" + text + "\": expected a size >= 0");
      }
    }
    // the runtime relays the exec's terminal itself and keeps its size (see NOTES)
    response.empty(200);
  }

  /**
   * Stops relaying: sessions end, execs keep running in their containers (they end with them).
   * berthd closes it on shutdown.
   */
  @Override
  public void close() {
    pumps.shutdownNow();
  }

  private ExecInstance find(String id) throws EngineException {
    ExecInstance instance = instances.get(id);
    if (instance == null) {
      throw new EngineException(ErrorKind.NOT_FOUND, "No such exec instance: " + id);
    }
    return instance;
  }

  /** Forgets instances that ended, or whose container went, longer than {@code keep} ago. */
  private void forgetOld() {
    var now = clock.instant();
    var existing = java.util.Set.copyOf(containers.list());
    instances.values().removeIf(i -> i.expired(existing.contains(i.containerId), now, keep));
  }

  private void publish(ExecInstance instance, String action, Map<String, String> extra) {
    Map<String, String> attributes = new java.util.HashMap<>(extra);
    attributes.put("execID", instance.id);
    attributes.put("name", instance.containerName);
    events.publish(
        new EngineEvent("container", action, instance.containerId, attributes, clock.instant()));
  }

  private static boolean upgrade(ApiRequest request) {
    return request
            .header("Upgrade")
            .map(u -> u.toLowerCase(Locale.ROOT).contains("tcp"))
            .orElse(false)
        && request
            .header("Connection")
            .map(c -> c.toLowerCase(Locale.ROOT).contains("upgrade"))
            .orElse(false);
  }

  private static String newId() {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
