package dev.berth.runtime.network.netlink;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The rtattrs of one message or nested attribute, by type (the NLA_F_ flag bits cleared). */
final class Attributes {
  private static final int TYPE_MASK = 0x3fff;
  private final Map<Integer, byte[]> byType;

  private Attributes(Map<Integer, byte[]> byType) {
    this.byType = byType;
  }

  static Attributes parse(byte[] bytes, int from, int to) {
    Map<Integer, byte[]> byType = new HashMap<>();
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder());
    int position = from;
    while (position + 4 <= to) {
      int length = Short.toUnsignedInt(in.getShort(position));
      int type = Short.toUnsignedInt(in.getShort(position + 2)) & TYPE_MASK;
      if (length < 4 || position + length > to) {
        break;
      }
      byType.put(type, Arrays.copyOfRange(bytes, position + 4, position + length));
      position += MessageWriter.align(length);
    }
    return new Attributes(byType);
  }

  Optional<byte[]> bytes(int type) {
    return Optional.ofNullable(byType.get(type)).map(byte[]::clone);
  }

  Optional<Integer> integer(int type) {
    return Optional.ofNullable(byType.get(type))
        .filter(b -> b.length >= 4)
        .map(b -> ByteBuffer.wrap(b).order(ByteOrder.nativeOrder()).getInt());
  }

  /** A string attribute without its trailing NUL. */
  Optional<String> string(int type) {
    return Optional.ofNullable(byType.get(type))
        .map(
            b -> {
              int end = 0;
              while (end < b.length && b[end] != 0) {
                end++;
              }
              return new String(b, 0, end, StandardCharsets.US_ASCII);
            });
  }

  Optional<Attributes> nested(int type) {
    return Optional.ofNullable(byType.get(type)).map(b -> parse(b, 0, b.length));
  }
}
