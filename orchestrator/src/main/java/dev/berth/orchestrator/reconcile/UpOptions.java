package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.plan.RecreatePolicy;
import java.time.Duration;
import java.util.Map;

/**
 * How {@code up} (and {@code create}) runs.
 *
 * @param recreate when existing containers are replaced
 * @param removeOrphans remove containers of services no longer in the model
 * @param noStart create containers without starting them
 * @param pull {@code always}, {@code missing}, {@code never}, or null for each service's policy
 * @param scale replica counts that override the model's
 * @param stopTimeout grace period when stopping containers to replace them
 */
public record UpOptions(
    RecreatePolicy recreate,
    boolean removeOrphans,
    boolean noStart,
    String pull,
    Map<String, Integer> scale,
    Duration stopTimeout) {

  public UpOptions {
    scale = Map.copyOf(scale);
  }

  /** {@code up -d} with no flags. */
  public static UpOptions defaults() {
    return new UpOptions(
        RecreatePolicy.DIVERGED, false, false, null, Map.of(), Duration.ofSeconds(10));
  }
}
