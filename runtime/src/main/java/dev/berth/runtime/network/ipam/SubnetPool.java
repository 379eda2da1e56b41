package dev.berth.runtime.network.ipam;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The ordered ranges berth takes network subnets from when compose names none. */
public record SubnetPool(List<PoolRange> ranges) {

  public SubnetPool {
    ranges = List.copyOf(ranges);
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("a subnet pool needs at least one range");
    }
  }

  /** Docker's defaults: 172.17–31.0.0/16, then 192.168.0.0/16 in /20s. */
  public static SubnetPool dockerDefaults() {
    return new SubnetPool(
        List.of(
            new PoolRange(new Subnet(new Ipv4Address(0xac11_0000), 16), 16),
            new PoolRange(new Subnet(new Ipv4Address(0xac12_0000), 15), 16),
            new PoolRange(new Subnet(new Ipv4Address(0xac14_0000), 14), 16),
            new PoolRange(new Subnet(new Ipv4Address(0xac18_0000), 13), 16),
            new PoolRange(new Subnet(new Ipv4Address(0xc0a8_0000), 16), 20)));
  }

  /** The first candidate that overlaps none of {@code taken}, if any. */
  public Optional<Subnet> firstFree(List<Subnet> taken) {
    for (PoolRange range : ranges) {
      for (long n = 0; n < range.count(); n++) {
        Subnet candidate = range.subnet(n);
        if (taken.stream().noneMatch(candidate::overlaps)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Every subnet the pool could give, in order; for diagnostics and small pools only. */
  List<Subnet> candidates() {
    List<Subnet> all = new ArrayList<>();
    for (PoolRange range : ranges) {
      for (long n = 0; n < range.count(); n++) {
        all.add(range.subnet(n));
      }
    }
    return all;
  }
}
