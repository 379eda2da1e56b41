package dev.berth.orchestrator.reconcile;

import java.time.Duration;

/**
 * How {@code down} runs.
 *
 * @param volumes also remove named volumes declared by the project and anonymous ones
 * @param removeOrphans also remove containers of services no longer in the model
 * @param stopTimeout grace period before containers are killed (null: each service's own)
 * @param images which services' images to remove: {@link Images#NONE}, {@link Images#LOCAL} (those
 *     built under the default {@code <project>-<service>} name) or {@link Images#ALL}
 */
public record DownOptions(
    boolean volumes, boolean removeOrphans, Duration stopTimeout, Images images) {

  /** {@code down --rmi}. */
  public enum Images {
    NONE,
    LOCAL,
    ALL
  }

  public DownOptions {
    images = images == null ? Images.NONE : images;
  }
}
