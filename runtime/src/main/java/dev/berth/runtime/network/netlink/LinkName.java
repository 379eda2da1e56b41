package dev.berth.runtime.network.netlink;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;

/** A network interface name: 1 to 15 characters, no slash, colon or whitespace (IFNAMSIZ). */
public record LinkName(String value) {

  public LinkName {
    if (!isValid(value)) {
      throw new IllegalArgumentException("invalid interface name \"" + value + "\"");
    }
  }

  /** Validates user or compose input, quoting it when it is not a usable interface name. */
  public static LinkName parse(String text) throws EngineException {
    if (!isValid(text)) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "invalid interface name \"" + text + "\": 1 to 15 characters, no '/', ':' or whitespace");
    }
    return new LinkName(text);
  }

  static boolean isValid(String text) {
    if (text == null || text.isEmpty() || text.length() >= Rtnl.IFNAMSIZ) {
      return false;
    }
    if (text.equals(".") || text.equals("..")) {
      return false;
    }
    return text.chars().allMatch(c -> c > 32 && c < 127 && c != '/' && c != ':');
  }

  @Override
  public String toString() {
    return value;
  }
}
