package dev.berth.runtime.container;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One reading of a container's cgroup counters, as {@code docker stats} shows them: CPU time in
 * nanoseconds (total, per CPU, user and kernel), the host's CPU time, memory use and limit with the
 * kernel's {@code memory.stat}, and the number of tasks.
 */
public record CgroupSample(
    Instant read,
    long cpuTotalNanos,
    List<Long> perCpuNanos,
    long cpuUserNanos,
    long cpuKernelNanos,
    long systemCpuNanos,
    int onlineCpus,
    long memoryUsage,
    long memoryLimit,
    Map<String, Long> memoryStat,
    long pids,
    long pidsLimit) {
  public CgroupSample {
    perCpuNanos = List.copyOf(perCpuNanos);
    memoryStat = Map.copyOf(memoryStat);
  }
}
