package dev.berth.runtime.api;

import java.util.Objects;

/**
 * What {@code /_ping} tells in its headers: the engine's API version, OS type and {@code Server}.
 */
public record Ping(ApiVersion apiVersion, String osType, String server) {
  public Ping {
    Objects.requireNonNull(apiVersion, "apiVersion");
    osType = Objects.requireNonNullElse(osType, "");
    server = Objects.requireNonNullElse(server, "");
  }
}
