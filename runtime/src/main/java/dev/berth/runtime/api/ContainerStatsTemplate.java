package dev.berth.runtime.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One answer of {@code GET /containers/{id}/stats} (Docker API 1.44 {@code
 * ContainerStatsResponse}), Linux fields only: {@code precpu_stats} is the previous reading so
 * clients compute CPU %; {@code networks} is empty where berthd does not count per-interface
 * traffic.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContainerStatsTemplate(
    @JsonProperty("name") String name,
    @JsonProperty("id") String id,
    @JsonProperty("read") String read,
    @JsonProperty("preread") String preread,
    @JsonProperty("pids_stats") PidsStats pidsStats,
    @JsonProperty("blkio_stats") Map<String, Object> blkioStats,
    @JsonProperty("num_procs") int numProcs,
    @JsonProperty("storage_stats") Map<String, Object> storageStats,
    @JsonProperty("cpu_stats") CpuStats cpuStats,
    @JsonProperty("precpu_stats") CpuStats precpuStats,
    @JsonProperty("memory_stats") MemoryStats memoryStats,
    @JsonProperty("networks") Map<String, Object> networks) {

  /** Tasks in the container's cgroup and their limit (0: none). */
  public record PidsStats(
      @JsonProperty("current") long current, @JsonProperty("limit") long limit) {}

  /** CPU time in nanoseconds; {@code system_cpu_usage} is the host's. */
  public record CpuStats(
      @JsonProperty("cpu_usage") CpuUsage cpuUsage,
      @JsonProperty("system_cpu_usage") long systemCpuUsage,
      @JsonProperty("online_cpus") int onlineCpus,
      @JsonProperty("throttling_data") Map<String, Long> throttlingData) {}

  /** The container's CPU time: total, per CPU (cgroup v1), kernel and user. */
  public record CpuUsage(
      @JsonProperty("total_usage") long totalUsage,
      @JsonProperty("percpu_usage") List<Long> percpuUsage,
      @JsonProperty("usage_in_kernelmode") long usageInKernelmode,
      @JsonProperty("usage_in_usermode") long usageInUsermode) {}

  /** Memory in bytes, with the kernel's {@code memory.stat} as {@code stats}. */
  public record MemoryStats(
      @JsonProperty("usage") long usage,
      @JsonProperty("stats") Map<String, Long> stats,
      @JsonProperty("limit") long limit) {}
}
