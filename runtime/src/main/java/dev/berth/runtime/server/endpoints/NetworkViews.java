package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.api.NetworkTemplate;
import dev.berth.runtime.image.Digest;
import dev.berth.runtime.network.BridgeNetwork;
import dev.berth.runtime.network.NetworkAttachment;
import dev.berth.runtime.network.NetworkDriver;
import dev.berth.runtime.network.NetworkSpec;
import dev.berth.runtime.server.engine.ContainerLinks;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The networks the API shows: the driver's bridges and dockerd's {@code host} and {@code none}
 * (stable IDs derived from their names), found by ID, name or unique ID prefix as dockerd finds
 * them, and turned into {@link NetworkTemplate}s.
 */
final class NetworkViews {
  /** Networks that exist in every dockerd and cannot be removed. */
  static final Set<String> PREDEFINED = Set.of("bridge", "host", "none");

  private static final Instant BOOT = Instant.now();
  private final NetworkDriver driver;
  private final ContainerLinks links;

  NetworkViews(NetworkDriver driver, ContainerLinks links) {
    this.driver = driver;
    this.links = links;
  }

  List<NetworkView> all() {
    List<NetworkView> views = new ArrayList<>();
    for (BridgeNetwork network : driver.networks()) {
      NetworkSpec.Metadata metadata = network.spec().metadata();
      views.add(
          new NetworkView(
              network.id(),
              network.spec().name(),
              "bridge",
              network.spec().name().equals("bridge"),
              metadata.created() == null ? BOOT : metadata.created(),
              metadata.labels(),
              network));
    }
    views.add(builtin("host", "host"));
    views.add(builtin("none", "null"));
    views.sort(Comparator.comparing(NetworkView::name));
    return views;
  }

  private static NetworkView builtin(String name, String driverName) {
    String id = Digest.sha256(("berth network " + name).getBytes(StandardCharsets.UTF_8)).hex();
    return new NetworkView(id, name, driverName, true, BOOT, Map.of(), null);
  }

  /** By full ID, then by name, then by unique ID prefix, as dockerd; else NOT_FOUND. */
  NetworkView find(String text) throws EngineException {
    List<NetworkView> all = all();
    for (NetworkView view : all) {
      if (view.id().equals(text)) {
        return view;
      }
    }
    for (NetworkView view : all) {
      if (view.name().equals(text)) {
        return view;
      }
    }
    List<NetworkView> byPrefix =
        all.stream().filter(v -> !text.isEmpty() && v.id().startsWith(text)).toList();
    if (byPrefix.size() > 1) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "network "
              + text
              + " is ambiguous ("
              + byPrefix.size()
              + " matches found based on ID prefix)");
    }
    if (byPrefix.isEmpty()) {
      throw new EngineException(ErrorKind.NOT_FOUND, "network " + text + " not found");
    }
    return byPrefix.get(0);
  }

  /** The containers using the network: configured (ContainerLinks) or wired (the driver). */
  Set<String> users(NetworkView network) {
    Set<String> users = new TreeSet<>(links.usingNetwork(network.id()));
    for (NetworkAttachment attachment : driver.attachments()) {
      if (attachment.networkId().equals(network.id())) {
        users.add(attachment.endpointId());
      }
    }
    return users;
  }

  /** dockerd's {@code dangling}: a custom network no container uses. */
  boolean dangling(NetworkView network) {
    return !network.predefined() && users(network).isEmpty();
  }

  private String ipRange(BridgeNetwork bridge) throws EngineException {
    return driver.ipam().ipRange(bridge.id()).map(Object::toString).orElse(null);
  }

  NetworkTemplate template(NetworkView network, boolean withContainers) throws EngineException {
    BridgeNetwork bridge = network.bridge();
    List<NetworkTemplate.IpamConfig> config = new ArrayList<>();
    Map<String, String> options = Map.of();
    boolean internal = false;
    boolean attachable = false;
    if (bridge != null) {
      config.add(
          new NetworkTemplate.IpamConfig(
              bridge.allocation().subnet().toString(),
              ipRange(bridge),
              bridge.allocation().gateway().toString(),
              null));
      options = new TreeMap<>(bridge.spec().metadata().options());
      internal = bridge.spec().internal();
      attachable = bridge.spec().metadata().attachable();
    }
    Map<String, NetworkTemplate.Endpoint> containers = new TreeMap<>();
    if (withContainers) {
      links
          .endpointsOn(network.id())
          .forEach(
              (id, e) ->
                  containers.put(
                      id,
                      new NetworkTemplate.Endpoint(
                          e.name(), e.endpointId(), e.macAddress(), e.ipv4Address(), "")));
    }
    return new NetworkTemplate(
        network.name(),
        network.id(),
        DateTimeFormatter.ISO_INSTANT.format(network.created()),
        "local",
        network.driver(),
        false,
        new NetworkTemplate.Ipam("default", bridge == null ? null : Map.of(), config),
        internal,
        attachable,
        false,
        new NetworkTemplate.ConfigFrom(""),
        false,
        containers,
        options,
        new TreeMap<>(network.labels()));
  }
}
