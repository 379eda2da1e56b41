package dev.berth.runtime.network.dns;

import dev.berth.runtime.network.ipam.Ipv4Address;
import java.util.List;
import java.util.Locale;

/**
 * The names one endpoint answers to on one network (service, container name, hostname, aliases) and
 * its address there.
 */
public record DnsEntry(String endpointId, Ipv4Address address, List<String> names) {

  public DnsEntry {
    names = names.stream().map(DnsEntry::normalize).distinct().toList();
  }

  /** Lower case, without a trailing dot: DNS names compare case-insensitively. */
  static String normalize(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
