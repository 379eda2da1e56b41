package dev.berth.runtime.network.ipam;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 address held as its 32 bits, e.g. {@code 172.30.0.2}. */
public record Ipv4Address(int bits) implements Comparable<Ipv4Address> {

  /** Parses dotted-quad notation, rejecting anything else with the input quoted. */
  public static Ipv4Address parse(String text) throws EngineException {
    String[] parts = text == null ? new String[0] : text.split("\\.", -1);
    if (parts.length != 4) {
      throw invalid(text);
    }
    int bits = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
        throw invalid(text);
      }
      int octet = Integer.parseInt(part);
      if (octet > 255) {
        throw invalid(text);
      }
      bits = (bits << 8) | octet;
    }
    return new Ipv4Address(bits);
  }

  /** The address in network byte order, as {@link #toBytes()} gives it. */
  public static Ipv4Address ofBytes(byte[] bytes) {
    if (bytes.length != 4) {
      throw new IllegalArgumentException("an IPv4 address has 4 bytes, not " + bytes.length);
    }
    return new Ipv4Address(
        (bytes[0] & 0xff) << 24
            | (bytes[1] & 0xff) << 16
            | (bytes[2] & 0xff) << 8
            | bytes[3] & 0xff);
  }

  public byte[] toBytes() {
    return new byte[] {
      (byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits
    };
  }

  public Inet4Address toInetAddress() {
    try {
      return (Inet4Address) InetAddress.getByAddress(toBytes());
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are always an address", e);
    }
  }

  /** The address {@code delta} further on, wrapping at 2^32. */
  public Ipv4Address plus(long delta) {
    return new Ipv4Address((int) (Integer.toUnsignedLong(bits) + delta));
  }

  public long unsigned() {
    return Integer.toUnsignedLong(bits);
  }

  @Override
  public int compareTo(Ipv4Address other) {
    return Integer.compareUnsigned(bits, other.bits);
  }

  @Override
  public String toString() {
    return (bits >>> 24)
        + "."
        + (bits >>> 16 & 0xff)
        + "."
        + (bits >>> 8 & 0xff)
        + "."
        + (bits & 0xff);
  }

  private static EngineException invalid(String text) {
    return new EngineException(ErrorKind.INVALID_ARGUMENT, "invalid IPv4 address \"" + text + "\"");
  }
}
