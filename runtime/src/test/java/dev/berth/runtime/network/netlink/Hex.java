package dev.berth.runtime.network.netlink;

import java.util.HexFormat;

/** Hex dumps for byte-exact netlink tests: spaces and newlines in the text are ignored. */
final class Hex {
  private Hex() {}

  static byte[] bytes(String text) {
    return HexFormat.of().parseHex(text.replaceAll("\\s+", ""));
  }

  static String of(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
