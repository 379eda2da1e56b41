package dev.berth.runtime.network;

import dev.berth.runtime.network.netlink.LinkName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * berth's names for host links: {@code berth} + 10 hex for bridges, {@code berthv} + 9 for veths.
 */
final class HostNames {
  private HostNames() {}

  static LinkName bridgeFor(String networkId) {
    return new LinkName("berth" + hash(networkId).substring(0, 10));
  }

  static LinkName vethFor(String networkId, String endpointId) {
    return new LinkName("berthv" + hash(networkId + "/" + endpointId).substring(0, 9));
  }

  private static String hash(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
