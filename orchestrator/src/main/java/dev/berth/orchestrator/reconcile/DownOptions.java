package dev.berth.orchestrator.reconcile;

import java.time.Duration;

/**
 * How {@code down} runs.
 *
 * @param volumes also remove named volumes declared by the project and anonymous ones
 * @param removeOrphans also remove containers of services no longer in the model
 * @param stopTimeout grace period before containers are killed (null: each service's own)
 */
public record DownOptions(boolean volumes, boolean removeOrphans, Duration stopTimeout) {}
