package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.ApiVersion;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.api.PruneTemplate;
import dev.berth.runtime.api.VolumeCreateTemplate;
import dev.berth.runtime.api.VolumeListTemplate;
import dev.berth.runtime.api.VolumeTemplate;
import dev.berth.runtime.server.engine.ContainerLinks;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.runtime.server.http.ApiRequest;
import dev.berth.runtime.server.http.ApiResponse;
import dev.berth.runtime.server.http.Endpoints;
import dev.berth.runtime.server.http.KnownFields;
import dev.berth.runtime.server.http.Routes;
import dev.berth.runtime.volume.VolumeInfo;
import dev.berth.runtime.volume.VolumeOptions;
import dev.berth.runtime.volume.VolumeStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code /volumes}: create, list (filters name, label, dangling, driver), inspect, remove and prune
 * over the local driver's {@link VolumeStore}; "in use" comes from {@link ContainerLinks}.
 */
public final class VolumeEndpoints implements Endpoints {
  static final KnownFields CREATE_FIELDS =
      new KnownFields(Set.of("Name", "Driver", "DriverOpts", "Labels"), Map.of());
  private static final DateTimeFormatter CREATED =
      DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

  private final VolumeStore volumes;
  private final ContainerLinks links;
  private final Events events;

  public VolumeEndpoints(VolumeStore volumes, ContainerLinks links, EventBus events, Clock clock) {
    this.volumes = volumes;
    this.links = links;
    this.events = new Events(events, clock);
  }

  @Override
  public void register(Routes routes) {
    routes.post("/volumes/create", this::create);
    routes.post("/volumes/prune", this::prune);
    routes.get("/volumes", this::list);
    routes.get("/volumes/{name}", this::inspect);
    routes.delete("/volumes/{name}", this::remove);
  }

  private void create(ApiRequest request, ApiResponse response) throws EngineException {
    VolumeCreateTemplate body = request.json(VolumeCreateTemplate.class, CREATE_FIELDS);
    String driver = body.driver() == null || body.driver().isEmpty() ? "local" : body.driver();
    if (!driver.equals(VolumeInfo.DRIVER)) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "volume driver \"" + driver + "\" is not supported by berthd: only \"local\"");
    }
    boolean anonymous = body.name() == null || body.name().isEmpty();
    String name = anonymous ? VolumeStore.anonymousName() : body.name();
    Map<String, String> labels = new TreeMap<>(body.labels() == null ? Map.of() : body.labels());
    if (anonymous) {
      labels.put(VolumeInfo.ANONYMOUS_LABEL, "");
    }
    VolumeOptions options = VolumeOptions.parse(name, body.driverOpts());
    boolean existed = volumes.exists(name);
    VolumeInfo volume = volumes.create(name, labels, options);
    if (!existed) {
      events.publish("volume", "create", name, Map.of("driver", VolumeInfo.DRIVER));
    }
    response.json(201, template(volume));
  }

  private void list(ApiRequest request, ApiResponse response) throws EngineException {
    ListFilters filters =
        ListFilters.of(request, Set.of("name", "label", "label!", "dangling", "driver"));
    java.util.Optional<Boolean> dangling = filters.bool("dangling");
    List<VolumeTemplate> listed = new ArrayList<>();
    for (VolumeInfo volume : volumes.infos()) {
      boolean matches =
          filters.any("name", volume.name()::contains)
              && filters.any("driver", VolumeInfo.DRIVER::equals)
              && filters.labels("label", volume.labels())
              && filters.notLabels("label!", volume.labels())
              && dangling.map(d -> d == links.usingVolume(volume.name()).isEmpty()).orElse(true);
      if (matches) {
        listed.add(template(volume));
      }
    }
    response.json(200, new VolumeListTemplate(listed, List.of()));
  }

  private void inspect(ApiRequest request, ApiResponse response) throws EngineException {
    response.json(200, template(volumes.info(request.param("name"))));
  }

  private void remove(ApiRequest request, ApiResponse response) throws EngineException {
    String name = request.param("name");
    if (!volumes.exists(name) && request.flag("force")) {
      response.empty(204);
      return;
    }
    VolumeInfo volume = volumes.info(name);
    Set<String> users = new TreeSet<>(links.usingVolume(name));
    if (!users.isEmpty()) {
      throw new EngineException(
          ErrorKind.CONFLICT, "remove " + name + ": volume is in use - " + users);
    }
    volumes.remove(volume.name());
    events.publish("volume", "destroy", name, Map.of("driver", VolumeInfo.DRIVER));
    response.empty(204);
  }

  /** As dockerd since API 1.42: only anonymous volumes unless {@code all=true}. */
  private void prune(ApiRequest request, ApiResponse response) throws EngineException {
    ListFilters filters = ListFilters.of(request, Set.of("label", "label!", "all"));
    boolean all =
        filters.bool("all").orElse(false) || request.version().compareTo(new ApiVersion(1, 42)) < 0;
    List<String> deleted = new ArrayList<>();
    for (VolumeInfo volume : volumes.infos()) {
      if ((all || volume.anonymous())
          && filters.labels("label", volume.labels())
          && filters.notLabels("label!", volume.labels())
          && links.usingVolume(volume.name()).isEmpty()) {
        volumes.remove(volume.name());
        events.publish("volume", "destroy", volume.name(), Map.of("driver", VolumeInfo.DRIVER));
        deleted.add(volume.name());
      }
    }
    response.json(200, new PruneTemplate(deleted, null, 0L));
  }

  static VolumeTemplate template(VolumeInfo volume) {
    return new VolumeTemplate(
        CREATED.format(volume.createdAt().truncatedTo(ChronoUnit.SECONDS)),
        VolumeInfo.DRIVER,
        volume.labels(),
        volume.mountpoint().toString(),
        volume.name(),
        volume.options().asMap(),
        "local");
  }
}
