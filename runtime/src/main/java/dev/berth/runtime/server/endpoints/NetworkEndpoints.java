package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.api.NetworkConnectTemplate;
import dev.berth.runtime.api.NetworkCreateTemplate;
import dev.berth.runtime.api.NetworkCreatedTemplate;
import dev.berth.runtime.api.NetworkTemplate;
import dev.berth.runtime.api.PruneTemplate;
import dev.berth.runtime.api.Timestamps;
import dev.berth.runtime.network.NetworkDriver;
import dev.berth.runtime.network.NetworkSpec;
import dev.berth.runtime.network.ipam.IpamRequest;
import dev.berth.runtime.network.ipam.Ipv4Address;
import dev.berth.runtime.network.ipam.Subnet;
import dev.berth.runtime.server.engine.ContainerLinks;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.runtime.server.http.ApiRequest;
import dev.berth.runtime.server.http.ApiResponse;
import dev.berth.runtime.server.http.Endpoints;
import dev.berth.runtime.server.http.KnownFields;
import dev.berth.runtime.server.http.Routes;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code /networks}: create (bridge only), list with dockerd's filters, inspect by ID, name or ID
 * prefix, connect and disconnect (through {@link ContainerLinks}), remove and prune, over the
 * {@link NetworkDriver}; {@code host} and {@code none} are listed as dockerd lists them.
 */
public final class NetworkEndpoints implements Endpoints {
  static final KnownFields CREATE_FIELDS =
      new KnownFields(
          Set.of(
              "Name",
              "CheckDuplicate",
              "Driver",
              "Internal",
              "Attachable",
              "EnableIPv6",
              "IPAM.Driver",
              "IPAM.Config",
              "Options",
              "Labels"),
          Map.of("Scope", "local", "EnableIPv4", "true"));
  private static final Set<String> OPTIONS =
      Set.of(NetworkSpec.BRIDGE_NAME_OPTION, NetworkSpec.MTU_OPTION);

  private final NetworkDriver driver;
  private final ContainerLinks links;
  private final Events events;
  private final Clock clock;
  private final NetworkViews views;

  public NetworkEndpoints(
      NetworkDriver driver, ContainerLinks links, EventBus events, Clock clock) {
    this.driver = driver;
    this.links = links;
    this.events = new Events(events, clock);
    this.clock = clock;
    this.views = new NetworkViews(driver, links);
  }

  @Override
  public void register(Routes routes) {
    routes.post("/networks/create", this::create);
    routes.post("/networks/prune", this::prune);
    routes.get("/networks", this::list);
    routes.get("/networks/{id}", this::inspect);
    routes.post("/networks/{id}/connect", this::connect);
    routes.post("/networks/{id}/disconnect", this::disconnect);
    routes.delete("/networks/{id}", this::remove);
  }

  private synchronized void create(ApiRequest request, ApiResponse response)
      throws EngineException {
    NetworkCreateTemplate body = request.json(NetworkCreateTemplate.class, CREATE_FIELDS);
    String name = body.name() == null ? "" : body.name();
    if (name.isBlank()) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "network name is required");
    }
    String driverName = body.driver() == null || body.driver().isEmpty() ? "bridge" : body.driver();
    if (!driverName.equals("bridge")) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "network driver \"" + driverName + "\" is not supported by berthd: only \"bridge\"");
    }
    if (Boolean.TRUE.equals(body.enableIpv6())) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "network " + name + ": EnableIPv6 is not supported by berthd");
    }
    if (views.all().stream().anyMatch(n -> n.name().equals(name))) {
      throw new EngineException(
          ErrorKind.CONFLICT, "network with name " + name + " already exists");
    }
    Map<String, String> options = body.options() == null ? Map.of() : body.options();
    for (String option : new TreeSet<>(options.keySet())) {
      if (!OPTIONS.contains(option)) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT,
            "network "
                + name
                + ": option \""
                + option
                + "\" is not supported by berthd's bridge driver (it knows "
                + new TreeSet<>(OPTIONS)
                + ")");
      }
    }
    String id = newId();
    NetworkSpec spec =
        NetworkSpec.fromCompose(id, name, body.internal(), false, ipam(name, body.ipam()), options)
            .withMetadata(
                new NetworkSpec.Metadata(
                    body.labels() == null ? Map.of() : body.labels(),
                    body.attachable(),
                    options,
                    clock.instant()));
    driver.create(spec);
    events.publish("network", "create", id, Map.of("name", name, "type", "bridge"));
    response.json(201, new NetworkCreatedTemplate(id, ""));
  }

  private static IpamRequest ipam(String name, NetworkTemplate.Ipam ipam) throws EngineException {
    if (ipam == null || ipam.config() == null || ipam.config().isEmpty()) {
      return IpamRequest.any();
    }
    if (ipam.config().size() > 1) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "network "
              + name
              + ": berthd supports one IPAM.Config entry, not "
              + ipam.config().size());
    }
    NetworkTemplate.IpamConfig config = ipam.config().get(0);
    if (config.auxiliaryAddresses() != null && !config.auxiliaryAddresses().isEmpty()) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "network " + name + ": IPAM.Config[0].AuxiliaryAddresses is not supported by berthd yet");
    }
    Optional<Subnet> subnet =
        config.subnet() == null || config.subnet().isEmpty()
            ? Optional.empty()
            : Optional.of(Subnet.parse(config.subnet()));
    Optional<Ipv4Address> gateway =
        config.gateway() == null || config.gateway().isEmpty()
            ? Optional.empty()
            : Optional.of(Ipv4Address.parse(config.gateway()));
    Optional<Subnet> ipRange =
        config.ipRange() == null || config.ipRange().isEmpty()
            ? Optional.empty()
            : Optional.of(Subnet.parse(config.ipRange()));
    if ((gateway.isPresent() || ipRange.isPresent()) && subnet.isEmpty()) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "network " + name + ": a Gateway or IPRange needs a Subnet in IPAM.Config[0]");
    }
    return new IpamRequest(subnet, gateway, ipRange);
  }

  private void list(ApiRequest request, ApiResponse response) throws EngineException {
    ListFilters filters =
        ListFilters.of(
            request,
            Set.of("name", "id", "label", "label!", "driver", "type", "dangling", "scope"));
    Optional<Boolean> dangling = filters.bool("dangling");
    for (String type : filters.get("type")) {
      if (!type.equals("custom") && !type.equals("builtin")) {
        throw new EngineException(
            ErrorKind.INVALID_ARGUMENT, "invalid filter: 'type'='" + type + "'");
      }
    }
    List<NetworkTemplate> listed = new ArrayList<>();
    for (NetworkView network : views.all()) {
      boolean matches =
          filters.any("name", v -> Regex.find(v, network.name()))
              && filters.any("id", v -> Regex.find(v, network.id()))
              && filters.any("driver", network.driver()::equals)
              && filters.any("scope", "local"::equals)
              && filters.any("type", t -> t.equals("builtin") == network.predefined())
              && filters.labels("label", network.labels())
              && filters.notLabels("label!", network.labels())
              && dangling.map(d -> d == views.dangling(network)).orElse(true);
      if (matches) {
        listed.add(views.template(network, false));
      }
    }
    response.json(200, listed);
  }

  private void inspect(ApiRequest request, ApiResponse response) throws EngineException {
    response.json(200, views.template(views.find(request.param("id")), true));
  }

  private void connect(ApiRequest request, ApiResponse response) throws EngineException {
    NetworkView network = views.find(request.param("id"));
    NetworkConnectTemplate body = request.json(NetworkConnectTemplate.class);
    refusePredefinedHostOrNone(network, "connected to");
    NetworkConnectTemplate.EndpointConfig config = body.endpointConfig();
    List<String> aliases =
        config == null || config.aliases() == null ? List.of() : config.aliases();
    Optional<String> address =
        config == null || config.ipamConfig() == null
            ? Optional.empty()
            : Optional.ofNullable(config.ipamConfig().ipv4Address()).filter(a -> !a.isEmpty());
    links.connect(
        container(body), network.id(), new ContainerLinks.EndpointSettings(aliases, address));
    response.empty(200);
  }

  private void disconnect(ApiRequest request, ApiResponse response) throws EngineException {
    NetworkView network = views.find(request.param("id"));
    NetworkConnectTemplate body = request.json(NetworkConnectTemplate.class);
    refusePredefinedHostOrNone(network, "disconnected from");
    links.disconnect(container(body), network.id(), body.force());
    response.empty(200);
  }

  private static String container(NetworkConnectTemplate body) throws EngineException {
    if (body.container() == null || body.container().isEmpty()) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "no container given (Container)");
    }
    return body.container();
  }

  private static void refusePredefinedHostOrNone(NetworkView network, String how)
      throws EngineException {
    if (network.bridge() == null) {
      throw new EngineException(
          ErrorKind.PERMISSION_DENIED,
          "container cannot be " + how + " the " + network.name() + " network by berthd");
    }
  }

  private synchronized void remove(ApiRequest request, ApiResponse response)
      throws EngineException {
    NetworkView network = views.find(request.param("id"));
    if (network.predefined()) {
      throw new EngineException(
          ErrorKind.PERMISSION_DENIED,
          network.name() + " is a pre-defined network and cannot be removed");
    }
    Set<String> users = views.users(network);
    if (!users.isEmpty()) {
      throw new EngineException(
          ErrorKind.CONFLICT,
          "error while removing network: network "
              + network.name()
              + " id "
              + network.id()
              + " has active endpoints ("
              + String.join(", ", users)
              + ")");
    }
    destroy(network);
    response.empty(204);
  }

  private void destroy(NetworkView network) throws EngineException {
    driver.remove(network.id());
    events.publish(
        "network", "destroy", network.id(), Map.of("name", network.name(), "type", "bridge"));
  }

  private synchronized void prune(ApiRequest request, ApiResponse response) throws EngineException {
    ListFilters filters = ListFilters.of(request, Set.of("until", "label", "label!"));
    Optional<Instant> until =
        filters.has("until")
            ? Optional.of(Timestamps.parse("until", filters.get("until").get(0), clock.instant()))
            : Optional.empty();
    List<String> deleted = new ArrayList<>();
    for (NetworkView network : views.all()) {
      if (!network.predefined()
          && views.users(network).isEmpty()
          && filters.labels("label", network.labels())
          && filters.notLabels("label!", network.labels())
          && until.map(u -> network.created().isBefore(u)).orElse(true)) {
        destroy(network);
        deleted.add(network.name());
      }
    }
    response.json(200, new PruneTemplate(null, deleted, null));
  }

  private static String newId() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
