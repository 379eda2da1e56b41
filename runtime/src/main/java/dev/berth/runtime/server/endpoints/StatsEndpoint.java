package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.ContainerStatsTemplate;
import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.container.CgroupSample;
import dev.berth.runtime.container.ContainerState;
import dev.berth.runtime.container.Containers;
import dev.berth.runtime.server.http.ApiRequest;
import dev.berth.runtime.server.http.ApiResponse;
import dev.berth.runtime.server.http.Endpoints;
import dev.berth.runtime.server.http.LineStream;
import dev.berth.runtime.server.http.Routes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /containers/{id}/stats}: readings of the container's cgroup. {@code stream=false}
 * answers one reading taken {@link #INTERVAL} after a first, so {@code precpu_stats} lets clients
 * compute CPU %; with {@code one-shot=true} at once without it. Streaming sends one reading per
 * interval until the client goes or the container stops.
 */
public final class StatsEndpoint implements Endpoints, AutoCloseable {
  static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final String NEVER = "0001-01-01T00:00:00Z";
  private static final int MAX_QUEUED = 16;

  private final Containers containers;
  private final ScheduledExecutorService ticks =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "berth-stats");
            t.setDaemon(true);
            return t;
          });

  public StatsEndpoint(Containers containers) {
    this.containers = containers;
  }

  @Override
  public void register(Routes routes) {
    routes.get("/containers/{id}/stats", this::stats);
  }

  private void stats(ApiRequest request, ApiResponse response) throws EngineException {
    ContainerState state = containers.inspect(request.param("id"));
    boolean stream = request.query("stream").isEmpty() || request.flag("stream");
    CgroupSample first = containers.cgroupSample(state.id());
    if (!stream) {
      if (request.flag("one-shot")) {
        response.json(200, template(state, null, first));
        return;
      }
      sleep(INTERVAL);
      response.json(200, template(state, first, containers.cgroupSample(state.id())));
      return;
    }
    LineStream lines = response.lines(200, "application/json", MAX_QUEUED);
    lines.send(template(state, null, first));
    AtomicReference<CgroupSample> previous = new AtomicReference<>(first);
    ScheduledFuture<?> tick =
        ticks.scheduleWithFixedDelay(
            () -> {
              try {
                CgroupSample now = containers.cgroupSample(state.id());
                if (!lines.send(template(state, previous.getAndSet(now), now))) {
                  lines.finish();
                }
              } catch (EngineException | RuntimeException e) {
                lines.finish(); // stopped or removed: the stream ends as dockerd's does
              }
            },
            INTERVAL.toMillis(),
            INTERVAL.toMillis(),
            TimeUnit.MILLISECONDS);
    lines.onEnd(() -> tick.cancel(false));
  }

  /** Stops the streams' ticks; berthd closes it on shutdown. */
  @Override
  public void close() {
    ticks.shutdownNow();
  }

  static ContainerStatsTemplate template(
      ContainerState state, CgroupSample previous, CgroupSample now) {
    return new ContainerStatsTemplate(
        "/" + state.name(),
        state.id(),
        now.read().toString(),
        previous == null ? NEVER : previous.read().toString(),
        new ContainerStatsTemplate.PidsStats(
            now.pids(), now.pidsLimit() == Long.MAX_VALUE ? 0 : now.pidsLimit()),
        Map.of(),
        0,
        Map.of(),
        cpu(now),
        previous == null
            ? new ContainerStatsTemplate.CpuStats(
                new ContainerStatsTemplate.CpuUsage(0, null, 0, 0), 0, 0, Map.of())
            : cpu(previous),
        new ContainerStatsTemplate.MemoryStats(
            now.memoryUsage(), now.memoryStat(), now.memoryLimit()),
        Map.of());
  }

  private static ContainerStatsTemplate.CpuStats cpu(CgroupSample sample) {
    return new ContainerStatsTemplate.CpuStats(
        new ContainerStatsTemplate.CpuUsage(
            sample.cpuTotalNanos(),
            sample.perCpuNanos().isEmpty() ? null : sample.perCpuNanos(),
            sample.cpuKernelNanos(),
            sample.cpuUserNanos()),
        sample.systemCpuNanos(),
        sample.onlineCpus(),
        Map.of("periods", 0L, "throttled_periods", 0L, "throttled_time", 0L));
  }

  private static void sleep(Duration duration) throws EngineException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException(ErrorKind.UNAVAILABLE, "interrupted reading stats", e);
    }
  }
}
