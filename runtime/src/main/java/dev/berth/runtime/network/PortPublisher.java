package dev.berth.runtime.network;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.network.firewall.PortForward;
import dev.berth.runtime.network.ports.PortBinding;
import dev.berth.runtime.network.ports.PortReservation;
import dev.berth.runtime.network.ports.PortReserver;
import dev.berth.runtime.network.ports.PublishedPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Endpoints' published ports: host ports reserved first, then the firewall's DNATs. */
final class PortPublisher implements AutoCloseable {
  private final NetworkFirewall firewall;
  private final PortReserver reserver = new PortReserver();
  private final Map<String, PortReservation> reservations = new ConcurrentHashMap<>();

  PortPublisher(NetworkFirewall firewall) {
    this.firewall = firewall;
  }

  List<PublishedPort> publish(
      String owner, NetworkAttachment attachment, List<PortBinding> bindings)
      throws EngineException {
    unpublish(owner);
    PortReservation reservation = reserver.reserve(bindings);
    List<PortForward> forwards = new ArrayList<>();
    for (PublishedPort port : reservation.ports()) {
      forwards.add(
          new PortForward(
              owner,
              port.protocol(),
              port.hostIp(),
              port.hostPort(),
              attachment.address(),
              port.containerPort()));
    }
    try {
      firewall.publish(owner, forwards);
    } catch (EngineException | RuntimeException e) {
      reservation.close();
      throw e;
    }
    reservations.put(owner, reservation);
    return reservation.ports();
  }

  /** The owner's published ports now (none when it has none). */
  List<PublishedPort> published(String owner) {
    PortReservation reservation = reservations.get(owner);
    return reservation == null ? List.of() : reservation.ports();
  }

  /** Returns whether the owner had ports published. */
  boolean unpublish(String owner) throws EngineException {
    PortReservation reservation = reservations.remove(owner);
    if (reservation == null) {
      return false;
    }
    try {
      firewall.unpublish(owner);
    } finally {
      reservation.close();
    }
    return true;
  }

  /** Gives every held host port back, leaving the DNATs for a restarted engine. */
  @Override
  public void close() {
    reservations.values().forEach(PortReservation::close);
    reservations.clear();
  }
}
