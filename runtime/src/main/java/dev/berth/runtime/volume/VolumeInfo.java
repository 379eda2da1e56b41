package dev.berth.runtime.volume;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One volume as {@code docker volume inspect} shows it: the local driver's data directory, the
 * labels and options it was created with, and when.
 */
public record VolumeInfo(
    String name,
    Map<String, String> labels,
    VolumeOptions options,
    Instant createdAt,
    Path mountpoint) {
  /** The only driver berth has. */
  public static final String DRIVER = "local";

  /** The label dockerd puts on volumes created without a name; prune removes only those. */
  public static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";

  /** berth's label on an anonymous volume: the path it is mounted at, for inspect's Mounts. */
  public static final String TARGET_LABEL = "dev.berth.volume.target";

  public VolumeInfo {
    Objects.requireNonNull(name, "name");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(mountpoint, "mountpoint");
  }

  /** Whether the volume was created without a name (a container's or {@code volume create}'s). */
  public boolean anonymous() {
    return labels.containsKey(ANONYMOUS_LABEL);
  }
}
