package dev.berth.orchestrator.reconcile;

import java.util.Map;

/**
 * How images with a {@code build:} section are built.
 *
 * @param mode when {@code up} builds: {@link Mode#MISSING} (default), {@link Mode#ALWAYS} ({@code
 *     --build}) or {@link Mode#NEVER} ({@code --no-build})
 * @param noCache build without the cache ({@code --no-cache})
 * @param pull always pull the {@code FROM} images ({@code --pull})
 * @param args build arguments that override the compose file's ({@code --build-arg K=V})
 * @param quiet do not show the build output ({@code -q})
 */
public record BuildOptions(
    Mode mode, boolean noCache, boolean pull, Map<String, String> args, boolean quiet) {

  /** When images are built. */
  public enum Mode {
    MISSING,
    ALWAYS,
    NEVER
  }

  public BuildOptions {
    args = Map.copyOf(args);
  }

  /** {@code up} without build flags: build what is missing. */
  public static BuildOptions defaults() {
    return new BuildOptions(Mode.MISSING, false, false, Map.of(), false);
  }
}
