package dev.berth.testkit;

/** One berth-named object found on the host, e.g. {@code link berth1a2b3c}. */
public record Leak(Kind kind, String name) implements Comparable<Leak> {

  /** What sort of host object it is. */
  public enum Kind {
    LINK,
    NETNS,
    MOUNT,
    CGROUP,
    NFT_TABLE,
    IPTABLES,
    PROCESS
  }

  @Override
  public int compareTo(Leak other) {
    int byKind = kind.compareTo(other.kind);
    return byKind != 0 ? byKind : name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name;
  }
}
