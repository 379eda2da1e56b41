package dev.berth.runtime.network.ports;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;

/** {@code 8080} or {@code 8000-8010}: first to last inclusive. */
public record PortRange(int first, int last) {

  public PortRange {
    if (first < 1 || last > 65535 || last < first) {
      throw new IllegalArgumentException("invalid port range " + first + "-" + last);
    }
  }

  public static PortRange single(int port) {
    return new PortRange(port, port);
  }

  /** Parses {@code N} or {@code N-M}, quoting bad input. */
  public static PortRange parse(String text) throws EngineException {
    if (text != null && text.matches("[0-9]{1,5}(-[0-9]{1,5})?")) {
      String[] parts = text.split("-");
      int first = Integer.parseInt(parts[0]);
      int last = parts.length == 2 ? Integer.parseInt(parts[1]) : first;
      if (first >= 1 && last <= 65535 && first <= last) {
        return new PortRange(first, last);
      }
    }
    throw new EngineException(ErrorKind.INVALID_ARGUMENT, "invalid port or range \"" + text + "\"");
  }

  public int size() {
    return last - first + 1;
  }

  @Override
  public String toString() {
    return first == last ? String.valueOf(first) : first + "-" + last;
  }
}
