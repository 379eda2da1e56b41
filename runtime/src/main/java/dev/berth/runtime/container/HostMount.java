package dev.berth.runtime.container;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A bind mount of a container as the host sees it: {@code destination} inside is {@code source}.
 */
public record HostMount(String destination, Path source, boolean readOnly) {
  public HostMount {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(source, "source");
    if (!destination.startsWith("/")) {
      throw new IllegalArgumentException("mount destination must be absolute: " + destination);
    }
  }
}
