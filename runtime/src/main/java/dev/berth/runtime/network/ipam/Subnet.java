package dev.berth.runtime.network.ipam;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;

/** An IPv4 network in CIDR notation, e.g. {@code 172.30.0.0/24}; host bits must be zero. */
public record Subnet(Ipv4Address network, int prefixLength) {

  public Subnet {
    if (prefixLength < 0 || prefixLength > 32) {
      throw new IllegalArgumentException("prefix length " + prefixLength + " is not in 0..32");
    }
    if ((network.bits() & ~mask(prefixLength)) != 0) {
      throw new IllegalArgumentException(network + "/" + prefixLength + " has host bits set");
    }
  }

  /** Parses {@code a.b.c.d/n}; host bits set is an error, as Docker reports it. */
  public static Subnet parse(String text) throws EngineException {
    int slash = text == null ? -1 : text.indexOf('/');
    if (slash < 0) {
      throw invalid(text, "expected address/prefix");
    }
    Ipv4Address address;
    int prefix;
    try {
      address = Ipv4Address.parse(text.substring(0, slash));
      String digits = text.substring(slash + 1);
      if (digits.isEmpty() || digits.length() > 2 || !digits.chars().allMatch(Character::isDigit)) {
        throw invalid(text, "bad prefix length");
      }
      prefix = Integer.parseInt(digits);
    } catch (EngineException e) {
      throw invalid(text, "bad address");
    }
    if (prefix > 32) {
      throw invalid(text, "prefix length above 32");
    }
    if ((address.bits() & ~mask(prefix)) != 0) {
      throw invalid(text, "host bits set");
    }
    return new Subnet(address, prefix);
  }

  /** The subnet of the given length that contains {@code address}. */
  public static Subnet containing(Ipv4Address address, int prefixLength) {
    return new Subnet(new Ipv4Address(address.bits() & mask(prefixLength)), prefixLength);
  }

  public int mask() {
    return mask(prefixLength);
  }

  public long size() {
    return 1L << (32 - prefixLength);
  }

  public Ipv4Address broadcast() {
    return new Ipv4Address(network.bits() | ~mask());
  }

  /** The first usable host address, which berth makes the gateway by default. */
  public Ipv4Address firstHost() {
    return network.plus(1);
  }

  public boolean contains(Ipv4Address address) {
    return (address.bits() & mask()) == network.bits();
  }

  public boolean overlaps(Subnet other) {
    int shorter = Math.min(prefixLength, other.prefixLength);
    return ((network.bits() ^ other.network.bits()) & mask(shorter)) == 0;
  }

  /** Whether {@code address} may be given to an endpoint: inside, not network nor broadcast. */
  public boolean isUsableHost(Ipv4Address address) {
    if (!contains(address)) {
      return false;
    }
    if (prefixLength >= 31) {
      return true;
    }
    return !address.equals(network) && !address.equals(broadcast());
  }

  static int mask(int prefixLength) {
    return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
  }

  @Override
  public String toString() {
    return network + "/" + prefixLength;
  }

  private static EngineException invalid(String text, String why) {
    return new EngineException(
        ErrorKind.INVALID_ARGUMENT, "invalid subnet \"" + text + "\": " + why);
  }
}
