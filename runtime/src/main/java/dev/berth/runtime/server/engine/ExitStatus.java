package dev.berth.runtime.server.engine;

import java.util.Optional;

/** How a container ended: its exit code and, if waiting failed, why. */
public record ExitStatus(long code, Optional<String> error) {
  public static ExitStatus of(long code) {
    return new ExitStatus(code, Optional.empty());
  }
}
