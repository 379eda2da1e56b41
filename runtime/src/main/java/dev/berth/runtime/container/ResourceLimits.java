package dev.berth.runtime.container;

/**
 * cgroup limits: {@code mem_limit} in bytes, {@code cpus} in CPUs, {@code pids_limit}, {@code
 * cpu_shares}; zero or negative means unlimited. {@code shm_size} sizes {@code /dev/shm}.
 */
public record ResourceLimits(long memoryBytes, double cpus, long pidsLimit, long cpuShares) {
  /** No limits. */
  public static final ResourceLimits NONE = new ResourceLimits(0, 0, 0, 0);
}
