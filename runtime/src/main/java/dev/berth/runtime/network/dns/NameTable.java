package dev.berth.runtime.network.dns;

import dev.berth.runtime.network.ipam.Ipv4Address;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The names of one network's endpoints. A name several endpoints share (a scaled service) answers
 * with all their addresses, rotated by one on every lookup so clients spread over replicas.
 */
public final class NameTable {
  private final Map<String, DnsEntry> byEndpoint = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> rotation = new ConcurrentHashMap<>();

  public void register(DnsEntry entry) {
    byEndpoint.put(entry.endpointId(), entry);
  }

  public void unregister(String endpointId) {
    byEndpoint.remove(endpointId);
  }

  public boolean isEmpty() {
    return byEndpoint.isEmpty();
  }

  /** Whether any endpoint has {@code name}; does not turn the rotation. */
  public boolean knows(String name) {
    String wanted = DnsEntry.normalize(name);
    return byEndpoint.values().stream().anyMatch(entry -> entry.names().contains(wanted));
  }

  /** The addresses for {@code name}, rotated; empty when no endpoint has that name. */
  public List<Ipv4Address> lookup(String name) {
    String wanted = DnsEntry.normalize(name);
    List<Ipv4Address> found = new ArrayList<>();
    byEndpoint.values().stream()
        .filter(entry -> entry.names().contains(wanted))
        .sorted((a, b) -> a.address().compareTo(b.address()))
        .forEach(entry -> found.add(entry.address()));
    if (found.size() > 1) {
      int turn = rotation.computeIfAbsent(wanted, n -> new AtomicInteger()).getAndIncrement();
      Collections.rotate(found, -Math.floorMod(turn, found.size()));
    }
    return found;
  }

  /** The first name of the endpoint that has {@code address}, for PTR answers. */
  public Optional<String> nameOf(Ipv4Address address) {
    return byEndpoint.values().stream()
        .filter(entry -> entry.address().equals(address) && !entry.names().isEmpty())
        .map(entry -> entry.names().get(0))
        .findFirst();
  }

  /** The endpoint that has {@code address}, to pick its own upstream servers. */
  public Optional<String> endpointAt(Ipv4Address address) {
    return byEndpoint.values().stream()
        .filter(entry -> entry.address().equals(address))
        .map(DnsEntry::endpointId)
        .findFirst();
  }
}
