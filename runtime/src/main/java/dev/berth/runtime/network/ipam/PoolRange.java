package dev.berth.runtime.network.ipam;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;

/** A base network cut into subnets of one size, as Docker's {@code default-address-pools}. */
public record PoolRange(Subnet base, int size) {

  public PoolRange {
    if (size < base.prefixLength() || size > 30) {
      throw new IllegalArgumentException(
          "pool " + base + " cannot be cut into /" + size + " subnets");
    }
  }

  /** Parses {@code 172.17.0.0/12:16} (base, then the prefix length of each subnet). */
  public static PoolRange parse(String text) throws EngineException {
    int colon = text == null ? -1 : text.lastIndexOf(':');
    if (colon < 0) {
      throw invalid(text);
    }
    Subnet base = Subnet.parse(text.substring(0, colon));
    String size = text.substring(colon + 1);
    if (!size.matches("[0-9]{1,2}")
        || Integer.parseInt(size) < base.prefixLength()
        || Integer.parseInt(size) > 30) {
      throw invalid(text);
    }
    return new PoolRange(base, Integer.parseInt(size));
  }

  /** How many subnets the range holds. */
  public long count() {
    return 1L << (size - base.prefixLength());
  }

  /** The {@code n}th subnet of the range, from 0. */
  public Subnet subnet(long n) {
    return new Subnet(base.network().plus(n << (32 - size)), size);
  }

  private static EngineException invalid(String text) {
    return new EngineException(
        ErrorKind.INVALID_ARGUMENT,
        "invalid address pool \"" + text + "\": expected BASE/PREFIX:SIZE, e.g. 172.17.0.0/12:16");
  }
}
