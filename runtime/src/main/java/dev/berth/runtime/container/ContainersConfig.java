package dev.berth.runtime.container;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the container service runs: its roots, the default OCI runtime, log rotation ({@code
 * max-size} in bytes, 0 for none, and {@code max-file}), the cgroup mount and how often it looks
 * for exited containers.
 */
public record ContainersConfig(
    EngineRoots roots,
    String defaultRuntime,
    long logMaxSize,
    int logMaxFiles,
    Path cgroupRoot,
    Duration pollInterval) {

  /** Defaults for the given roots: crun (else runc), 10 MiB × 3 logs, 50 ms polling. */
  public static ContainersConfig of(EngineRoots roots, String runtime) {
    return new ContainersConfig(
        roots, runtime, 10L * 1024 * 1024, 3, Path.of("/sys/fs/cgroup"), Duration.ofMillis(50));
  }

  /** The same config with other log rotation limits. */
  public ContainersConfig withLogLimits(long maxSize, int maxFiles) {
    return new ContainersConfig(roots, defaultRuntime, maxSize, maxFiles, cgroupRoot, pollInterval);
  }
}
