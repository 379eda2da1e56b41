package dev.berth.runtime.image;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an image's config says about running it and about its layers (OCI image spec, "Image
 * Configuration"; Docker's container config keys). Absent lists are empty, absent strings empty.
 *
 * @param diffIds digests of the uncompressed layers, bottom first
 * @param healthcheck the image's HEALTHCHECK, or null when it has none
 */
public record ImageConfig(
    String os,
    String architecture,
    String variant,
    List<String> env,
    List<String> cmd,
    List<String> entrypoint,
    String workingDir,
    String user,
    Set<String> exposedPorts,
    Set<String> volumes,
    Healthcheck healthcheck,
    String stopSignal,
    Map<String, String> labels,
    List<Digest> diffIds) {
  public ImageConfig {
    os = nullToEmpty(os);
    architecture = nullToEmpty(architecture);
    variant = nullToEmpty(variant);
    env = env == null ? List.of() : List.copyOf(env);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    workingDir = nullToEmpty(workingDir);
    user = nullToEmpty(user);
    exposedPorts = exposedPorts == null ? Set.of() : Set.copyOf(exposedPorts);
    volumes = volumes == null ? Set.of() : Set.copyOf(volumes);
    stopSignal = nullToEmpty(stopSignal);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    diffIds = List.copyOf(diffIds);
  }

  /** The platform this config declares. */
  public Platform platform() {
    return new Platform(os, architecture, variant);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
