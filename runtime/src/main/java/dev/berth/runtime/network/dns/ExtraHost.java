package dev.berth.runtime.network.dns;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;

/**
 * One compose {@code extra_hosts} entry: {@code name:address}, {@code name=address}, or
 * host-gateway.
 */
public record ExtraHost(String name, String address) {
  /** The special address Docker replaces with the host's address as seen from the container. */
  public static final String HOST_GATEWAY = "host-gateway";

  /** Parses {@code somehost:162.242.195.82}, {@code somehost=::1} or {@code myhost:[::1]}. */
  public static ExtraHost parse(String text) throws EngineException {
    int equals = text.indexOf('=');
    int split = equals >= 0 ? equals : text.indexOf(':');
    if (split <= 0 || split == text.length() - 1) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "invalid extra_hosts entry \"" + text + "\": expected HOST:IP or HOST=IP");
    }
    String address = text.substring(split + 1);
    if (address.startsWith("[") && address.endsWith("]")) {
      address = address.substring(1, address.length() - 1);
    }
    return new ExtraHost(text.substring(0, split), address);
  }

  /** The address with {@code host-gateway} replaced by {@code hostGateway}. */
  public String resolvedAddress(String hostGateway) {
    return HOST_GATEWAY.equals(address) ? hostGateway : address;
  }
}
