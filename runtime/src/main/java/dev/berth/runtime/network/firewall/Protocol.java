package dev.berth.runtime.network.firewall;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import java.util.Locale;

/** A published port's transport protocol. */
public enum Protocol {
  TCP,
  UDP;

  /** Parses compose's {@code tcp}/{@code udp}, any case. */
  public static Protocol parse(String text) throws EngineException {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT, "invalid protocol \"" + text + "\": expected tcp or udp");
    }
  }

  public String nftName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
