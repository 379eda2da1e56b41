package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.ContainerCreateTemplate;
import dev.berth.runtime.api.ContainerCreatedTemplate;
import dev.berth.runtime.api.ContainerWaitTemplate;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.server.engine.AttachOptions;
import dev.berth.runtime.server.engine.ContainerAttachment;
import dev.berth.runtime.server.engine.ContainerService;
import dev.berth.runtime.server.engine.ContainerSpec;
import dev.berth.runtime.server.engine.ExitStatus;
import dev.berth.runtime.server.engine.WaitCondition;
import dev.berth.runtime.server.hijack.HijackedConnection;
import dev.berth.runtime.server.hijack.StdStreams;
import dev.berth.runtime.server.http.ApiRequest;
import dev.berth.runtime.server.http.ApiResponse;
import dev.berth.runtime.server.http.Endpoints;
import dev.berth.runtime.server.http.KnownFields;
import dev.berth.runtime.server.http.Routes;
import dev.berth.runtime.server.http.ServerLog;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The container lifecycle endpoints {@code docker run} needs: create, attach (hijacked), wait,
 * start and remove, served by a {@link ContainerService}.
 */
public final class ContainerEndpoints implements Endpoints {
  private static final String RAW = "application/vnd.docker.raw-stream";
  private static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";

  /** What {@link ContainerSpec} carries; the docker CLI sends the rest at their defaults. */
  static final KnownFields CREATE_FIELDS =
      new KnownFields(
          Set.of(
              "Image",
              "Cmd",
              "Entrypoint",
              "Env",
              "Tty",
              "OpenStdin",
              "StdinOnce",
              "AttachStdin",
              "AttachStdout",
              "AttachStderr",
              "Labels",
              "HostConfig.AutoRemove"),
          Map.of(
              "HostConfig.NetworkMode", "default",
              "HostConfig.RestartPolicy.Name", "no",
              "HostConfig.MemorySwappiness", "-1"));

  private final ContainerService containers;
  private final ServerLog log;

  public ContainerEndpoints(ContainerService containers, ServerLog log) {
    this.containers = containers;
    this.log = log;
  }

  @Override
  public void register(Routes routes) {
    routes.post("/containers/create", this::create);
    routes.post("/containers/{id}/start", this::start);
    routes.post("/containers/{id}/wait", this::await);
    routes.post("/containers/{id}/attach", this::attach);
    routes.post("/containers/{id}/resize", this::resize);
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
          template.hostConfig() != null && template.hostConfig().autoRemove());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "invalid container config: " + e.getMessage(), e);
    }
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private void start(ApiRequest request, ApiResponse response) throws EngineException {
    containers.start(request.param("id"));
    response.empty(204);
  }

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

  private void remove(ApiRequest request, ApiResponse response) throws EngineException {
    containers.remove(request.param("id"), request.flag("force"));
    response.empty(204);
  }
}
