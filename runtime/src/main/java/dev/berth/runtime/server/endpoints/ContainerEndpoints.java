package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.ContainerCreateTemplate;
import dev.berth.runtime.api.ContainerCreatedTemplate;
import dev.berth.runtime.api.ContainerSummaryTemplate;
import dev.berth.runtime.api.ContainerWaitTemplate;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.api.Timestamps;
import dev.berth.runtime.container.ContainerStatus;
import dev.berth.runtime.server.engine.AttachOptions;
import dev.berth.runtime.server.engine.ContainerAttachment;
import dev.berth.runtime.server.engine.ContainerDetails;
import dev.berth.runtime.server.engine.ContainerService;
import dev.berth.runtime.server.engine.ContainerSpec;
import dev.berth.runtime.server.engine.ExitStatus;
import dev.berth.runtime.server.engine.LogOptions;
import dev.berth.runtime.server.engine.WaitCondition;
import dev.berth.runtime.server.hijack.HijackedConnection;
import dev.berth.runtime.server.hijack.StdStreams;
import dev.berth.runtime.server.http.ApiRequest;
import dev.berth.runtime.server.http.ApiResponse;
import dev.berth.runtime.server.http.DockerFilters;
import dev.berth.runtime.server.http.Endpoints;
import dev.berth.runtime.server.http.KnownFields;
import dev.berth.runtime.server.http.Routes;
import dev.berth.runtime.server.http.ServerLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code /containers} endpoints: create, list, inspect, start, stop, restart, kill, wait,
 * attach (hijacked), resize, logs, remove and prune, served by a {@link ContainerService}.
 */
public final class ContainerEndpoints implements Endpoints {
  private static final String RAW = "application/vnd.docker.raw-stream";
  private static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";

  /** What berthd honours of a create request; the CLI and compose send the rest at defaults. */
  static final KnownFields CREATE_FIELDS =
      new KnownFields(
          Set.of(
              "Hostname",
              "Domainname",
              "User",
              "AttachStdin",
              "AttachStdout",
              "AttachStderr",
              "ExposedPorts",
              "Tty",
              "OpenStdin",
              "StdinOnce",
              "Env",
              "Cmd",
              "Healthcheck",
              "Image",
              "Volumes",
              "WorkingDir",
              "Entrypoint",
              "Labels",
              "StopSignal",
              "StopTimeout",
              "HostConfig.Binds",
              "HostConfig.NetworkMode",
              "HostConfig.PortBindings",
              "HostConfig.RestartPolicy",
              "HostConfig.AutoRemove",
              "HostConfig.VolumesFrom",
              "HostConfig.Mounts",
              "HostConfig.CapAdd",
              "HostConfig.CapDrop",
              "HostConfig.Dns",
              "HostConfig.DnsOptions",
              "HostConfig.DnsSearch",
              "HostConfig.ExtraHosts",
              "HostConfig.GroupAdd",
              "HostConfig.Links",
              "HostConfig.Privileged",
              "HostConfig.PublishAllPorts",
              "HostConfig.ReadonlyRootfs",
              "HostConfig.SecurityOpt",
              "HostConfig.Tmpfs",
              "HostConfig.ShmSize",
              "HostConfig.Sysctls",
              "HostConfig.Runtime",
              "HostConfig.LogConfig.Type",
              "HostConfig.CpuShares",
              "HostConfig.Memory",
              "HostConfig.MemoryReservation",
              "HostConfig.NanoCpus",
              "HostConfig.PidsLimit",
              "HostConfig.Devices",
              "HostConfig.Ulimits",
              "HostConfig.Init",
              "HostConfig.ConsoleSize",
              "NetworkingConfig.EndpointsConfig.*.Aliases",
              "NetworkingConfig.EndpointsConfig.*.Links",
              "NetworkingConfig.EndpointsConfig.*.IPAMConfig.IPv4Address",
              "NetworkingConfig.EndpointsConfig.*.NetworkID",
              "NetworkingConfig.EndpointsConfig.*.DNSNames"),
          Map.of(
              "HostConfig.NetworkMode", "default",
              "HostConfig.RestartPolicy.Name", "no",
              "HostConfig.MemorySwappiness", "-1",
              "HostConfig.LogConfig.Type", "json-file",
              // every berthd container has its own IPC namespace that others cannot join
              "HostConfig.IpcMode", "private"));

  private final ContainerService containers;
  private final ServerLog log;
  private final Clock clock;
  private final AtomicInteger threadCount = new AtomicInteger();
  private final ExecutorService streams =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "berth-logs-" + threadCount.incrementAndGet());
            t.setDaemon(true);
            return t;
          });

  public ContainerEndpoints(ContainerService containers, ServerLog log) {
    this.containers = containers;
    this.log = log;
    this.clock = Clock.systemUTC();
  }

  @Override
  public void register(Routes routes) {
    routes.post("/containers/create", this::create);
    routes.get("/containers/json", this::list);
    routes.post("/containers/prune", this::prune);
    routes.get("/containers/{id}/json", this::inspect);
    routes.post("/containers/{id}/start", this::start);
    routes.post("/containers/{id}/stop", this::stop);
    routes.post("/containers/{id}/restart", this::restart);
    routes.post("/containers/{id}/kill", this::kill);
    routes.post("/containers/{id}/wait", this::await);
    routes.post("/containers/{id}/attach", this::attach);
    routes.post("/containers/{id}/resize", this::resize);
    routes.get("/containers/{id}/logs", this::logs);
    routes.delete("/containers/{id}", this::remove);
  }

  private void create(ApiRequest request, ApiResponse response) throws EngineException {
    Optional<String> platform = request.query("platform").filter(p -> !p.isEmpty());
    if (platform.isPresent()) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "berthd does not support platform="
              + platform.get()
              + " in "
              + request.describe()
              + " yet");
    }
    ContainerCreateTemplate template = request.json(ContainerCreateTemplate.class, CREATE_FIELDS);
    String id = containers.create(spec(request.query("name").filter(n -> !n.isEmpty()), template));
    response.json(201, new ContainerCreatedTemplate(id, List.of()));
  }

  static ContainerSpec spec(Optional<String> name, ContainerCreateTemplate template)
      throws EngineException {
    try {
      return new ContainerSpec(
          name,
          template.image(),
          orEmpty(template.entrypoint()),
          orEmpty(template.cmd()),
          orEmpty(template.env()),
          template.tty(),
          template.openStdin(),
          template.stdinOnce(),
          Objects.requireNonNullElse(template.labels(), Map.of()),
          template.hostConfig() != null && template.hostConfig().autoRemove(),
          template);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "invalid container config: " + e.getMessage(), e);
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private void list(ApiRequest request, ApiResponse response) throws EngineException {
    ContainerFilter filter = ContainerFilter.of(DockerFilters.parse(request.query("filters")));
    boolean all = request.flag("all") || filter.wantsStopped();
    int limit = intQuery(request, "limit", -1);
    Instant now = clock.instant();
    List<ContainerSummaryTemplate> listed = new ArrayList<>();
    for (ContainerDetails d : containers.list()) {
      if ((all || limit > 0 || d.state().running()) && filter.test(d)) {
        listed.add(ContainerViews.summary(d, now));
      }
      if (limit > 0 && listed.size() >= limit) {
        break;
      }
    }
    response.json(200, listed);
  }

  private void inspect(ApiRequest request, ApiResponse response) throws EngineException {
    response.json(
        200, ContainerViews.inspect(containers.inspectAwaitingHealth(request.param("id"))));
  }

  private void start(ApiRequest request, ApiResponse response) throws EngineException {
    response.empty(containers.start(request.param("id")) ? 204 : 304);
  }

  private void stop(ApiRequest request, ApiResponse response) throws EngineException {
    boolean stopped =
        containers.stop(request.param("id"), timeout(request), request.query("signal"));
    response.empty(stopped ? 204 : 304);
  }

  private void restart(ApiRequest request, ApiResponse response) throws EngineException {
    containers.restart(request.param("id"), timeout(request));
    response.empty(204);
  }

  private static Optional<Duration> timeout(ApiRequest request) throws EngineException {
    int seconds = intQuery(request, "t", Integer.MIN_VALUE);
    if (seconds == Integer.MIN_VALUE) {
      return Optional.empty();
    }
    return Optional.of(seconds < 0 ? Duration.ofDays(365) : Duration.ofSeconds(seconds));
  }

  private static int intQuery(ApiRequest request, String name, int absent) throws EngineException {
    Optional<String> text = request.query(name).filter(t -> !t.isEmpty());
    if (text.isEmpty()) {
      return absent;
    }
    try {
      return Integer.parseInt(text.get());
    } catch (NumberFormatException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "invalid " + name + "=\"" + text.get() + "\": not a number");
    }
  }

  private void kill(ApiRequest request, ApiResponse response) throws EngineException {
    containers.kill(request.param("id"), request.query("signal").orElse("SIGKILL"));
    response.empty(204);
  }

  private void prune(ApiRequest request, ApiResponse response) throws EngineException {
    Map<String, List<String>> filters = DockerFilters.parse(request.query("filters"));
    Optional<Instant> until = Optional.empty();
    List<String> labels = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : filters.entrySet()) {
      switch (entry.getKey()) {
        case "until" -> {
          for (String value : entry.getValue()) {
            until = Optional.of(Timestamps.parse("until", value, clock.instant()));
          }
        }
        case "label" -> labels.addAll(entry.getValue());
        default ->
            throw new EngineException(
                ErrorKind.INVALID_ARGUMENT, "invalid filter '" + entry.getKey() + "'");
      }
    }
    List<String> deleted = new ArrayList<>();
    for (ContainerDetails d : containers.list()) {
      boolean stopped = !d.state().running() && d.state().status() != ContainerStatus.RESTARTING;
      boolean oldEnough = until.map(u -> d.created().isBefore(u)).orElse(true);
      if (stopped && oldEnough && labelsMatchAll(labels, d)) {
        try {
          containers.remove(d.id(), false, false);
          deleted.add(d.id());
        } catch (EngineException e) {
          if (e.kind() != ErrorKind.NOT_FOUND) {
            throw e;
          }
        }
      }
    }
    response.json(200, new PruneTemplate(deleted, 0));
  }

  private static boolean labelsMatchAll(List<String> labels, ContainerDetails d)
      throws EngineException {
    for (String label : labels) {
      if (!ContainerFilter.of(Map.of("label", List.of(label))).test(d)) {
        return false;
      }
    }
    return true;
  }

  /** The answer of {@code POST /containers/prune}. */
  record PruneTemplate(
      @com.fasterxml.jackson.annotation.JsonProperty("ContainersDeleted") List<String> deleted,
      @com.fasterxml.jackson.annotation.JsonProperty("SpaceReclaimed") long spaceReclaimed) {}

  private void await(ApiRequest request, ApiResponse response) throws EngineException {
    WaitCondition condition = WaitCondition.parse(request.query("condition").orElse(""));
    response.jsonWhenDone(
        200,
        containers
            .await(request.param("id"), condition)
            .handle((exit, failure) -> waitBody(exit, failure)));
  }

  private static ContainerWaitTemplate waitBody(ExitStatus exit, Throwable failure) {
    if (failure != null) {
      return new ContainerWaitTemplate(-1, new ContainerWaitTemplate.WaitError(failure.toString()));
    }
    return new ContainerWaitTemplate(
        exit.code(), exit.error().map(ContainerWaitTemplate.WaitError::new).orElse(null));
  }

  private void attach(ApiRequest request, ApiResponse response) throws EngineException {
    boolean upgrade =
        request.header("Upgrade").map(u -> u.toLowerCase(Locale.ROOT).contains("tcp")).orElse(false)
            && request
                .header("Connection")
                .map(c -> c.toLowerCase(Locale.ROOT).contains("upgrade"))
                .orElse(false);
    if (!upgrade) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          request.describe()
              + " needs \"Connection: Upgrade\" and \"Upgrade: tcp\": berthd attaches only by"
              + " upgrading the connection");
    }
    AttachOptions options =
        new AttachOptions(
            request.flag("stdin"),
            request.flag("stdout"),
            request.flag("stderr"),
            request.flag("stream"),
            request.flag("logs"));
    ContainerAttachment attachment = containers.attach(request.param("id"), options);
    response.upgradeToTcp(
        attachment.tty() ? RAW : MULTIPLEXED,
        (endPoint, executor) ->
            new HijackedConnection(
                endPoint,
                executor,
                (in, out) -> {
                  InputStream stdin = options.stdin() ? in : InputStream.nullInputStream();
                  if (attachment.tty()) {
                    attachment.stream(stdin, out, out);
                  } else {
                    StdStreams streams = new StdStreams(out);
                    attachment.stream(stdin, streams.stdout(), streams.stderr());
                  }
                },
                log));
  }

  private void resize(ApiRequest request, ApiResponse response) throws EngineException {
    containers.resize(request.param("id"), size(request, "h"), size(request, "w"));
    response.empty(200);
  }

  private static int size(ApiRequest request, String name) throws EngineException {
    String text = request.query(name).orElse("0");
    try {
      int value = Integer.parseInt(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new EngineException(
        ErrorKind.INVALID_ARGUMENT, "invalid " + name + "=\"" + text + "\": expected a size >= 0");
  }

  private void logs(ApiRequest request, ApiResponse response) throws EngineException {
    String id = request.param("id");
    ContainerDetails container = containers.inspect(id);
    boolean stdout = request.flag("stdout");
    boolean stderr = request.flag("stderr");
    if (!stdout && !stderr) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "you must choose at least one stream (stdout or stderr)");
    }
    Instant now = clock.instant();
    String tailText = request.query("tail").orElse("all");
    int tail = tailText.isEmpty() || tailText.equals("all") ? -1 : intQuery(request, "tail", -1);
    Optional<Instant> since =
        request.query("since").filter(t -> !t.isEmpty() && !t.equals("0")).isPresent()
            ? Optional.of(Timestamps.parse("since", request.query("since").get(), now))
            : Optional.empty();
    Optional<Instant> until =
        request.query("until").filter(t -> !t.isEmpty() && !t.equals("0")).isPresent()
            ? Optional.of(Timestamps.parse("until", request.query("until").get(), now))
            : Optional.empty();
    LogOptions options =
        new LogOptions(
            stdout, stderr, request.flag("follow"), tail, since, until, request.flag("timestamps"));
    boolean tty = container.request().tty();
    ApiResponse.BodyStream body = response.stream(200, tty ? RAW : MULTIPLEXED);
    streams.execute(() -> streamLogs(id, options, tty, body));
  }

  private void streamLogs(String id, LogOptions options, boolean tty, ApiResponse.BodyStream body) {
    StdStreams frames = new StdStreams(body);
    OutputStream out = frames.stdout();
    OutputStream err = frames.stderr();
    try {
      containers.logs(
          id,
          options,
          (isErr, time, text) -> {
            String line = options.timestamps() ? Timestamps.rfc3339Nano(time) + " " + text : text;
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            if (tty) {
              body.write(bytes);
            } else {
              (isErr ? err : out).write(bytes);
            }
            body.flush();
          });
      body.close();
    } catch (EngineException | IOException | RuntimeException e) {
      body.fail(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      body.fail(e);
    }
  }

  private void remove(ApiRequest request, ApiResponse response) throws EngineException {
    if (request.flag("link")) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "berthd does not support removing legacy links (link=1)");
    }
    containers.remove(request.param("id"), request.flag("force"), request.flag("v"));
    response.empty(204);
  }
}
