package dev.berth.runtime.server.service;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.berth.runtime.api.ContainerCreateTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * What berthd keeps about a container beyond the engine's record, as dockerd keeps {@code
 * config.v2.json}: its create request, image, network namespace and the networks it joined.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ServiceRecord(
    String id,
    String name,
    String created,
    String imageId,
    String imageName,
    String netnsId,
    ContainerCreateTemplate request,
    List<NetworkLink> networks) {

  ServiceRecord {
    networks = networks == null ? List.of() : List.copyOf(networks);
  }

  /** A network the container is on, in the order joined (the first one is eth0). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record NetworkLink(String networkId, String networkName, List<String> aliases, String ipv4) {
    NetworkLink {
      aliases = aliases == null ? List.of() : List.copyOf(aliases);
      ipv4 = ipv4 == null ? "" : ipv4;
    }
  }

  boolean autoRemove() {
    return request.hostConfig() != null && request.hostConfig().autoRemove();
  }

  ServiceRecord withNetwork(NetworkLink link) {
    List<NetworkLink> joined = new ArrayList<>(networks);
    joined.add(link);
    return new ServiceRecord(id, name, created, imageId, imageName, netnsId, request, joined);
  }

  ServiceRecord withoutNetwork(String networkId) {
    List<NetworkLink> joined = new ArrayList<>(networks);
    joined.removeIf(l -> l.networkId().equals(networkId));
    return new ServiceRecord(id, name, created, imageId, imageName, netnsId, request, joined);
  }
}
