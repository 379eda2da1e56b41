package dev.berth.orchestrator.loader;

/** Loader steps that {@code berth config} can turn off. */
public enum LoadSwitch {
  NO_INTERPOLATE,
  NO_NORMALIZE,
  NO_CONSISTENCY,
  NO_PATH_RESOLUTION,
  NO_VALIDATION,
  NO_ENV_RESOLUTION
}
