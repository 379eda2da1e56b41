package dev.berth.runtime.network.netlink;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.network.ipam.Ipv4Address;
import java.util.HexFormat;

/** A 48-bit Ethernet address, e.g. {@code 02:42:ac:1e:00:02}. */
public record MacAddress(long bits) {

  public MacAddress {
    if ((bits & ~0xffff_ffff_ffffL) != 0) {
      throw new IllegalArgumentException("a MAC address has 48 bits");
    }
  }

  /** Parses six colon-separated hex octets, quoting the input when it is not one. */
  public static MacAddress parse(String text) throws EngineException {
    if (text == null || !text.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
      throw new EngineException(ErrorKind.INVALID_ARGUMENT, "invalid MAC address \"" + text + "\"");
    }
    return new MacAddress(Long.parseLong(text.replace(":", ""), 16));
  }

  /** Docker's scheme: a locally administered unicast 02:42 prefix followed by the IPv4 address. */
  public static MacAddress derivedFrom(Ipv4Address address) {
    return new MacAddress(0x0242_0000_0000L | address.unsigned());
  }

  public static MacAddress ofBytes(byte[] bytes) {
    if (bytes.length != 6) {
      throw new IllegalArgumentException("a MAC address has 6 bytes, not " + bytes.length);
    }
    long bits = 0;
    for (byte b : bytes) {
      bits = bits << 8 | (b & 0xff);
    }
    return new MacAddress(bits);
  }

  public byte[] toBytes() {
    byte[] bytes = new byte[6];
    for (int i = 0; i < 6; i++) {
      bytes[i] = (byte) (bits >>> (40 - 8 * i));
    }
    return bytes;
  }

  @Override
  public String toString() {
    return HexFormat.ofDelimiter(":").formatHex(toBytes());
  }
}
