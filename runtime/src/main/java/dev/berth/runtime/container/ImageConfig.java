package dev.berth.runtime.container;

import dev.berth.runtime.health.HealthcheckConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parts of an image's config a container starts from (Env, Entrypoint, Cmd, WorkingDir, User,
 * StopSignal, Healthcheck, Volumes, Labels); empty strings and lists mean "not set".
 */
public record ImageConfig(
    List<String> env,
    List<String> entrypoint,
    List<String> cmd,
    String workingDir,
    String user,
    String stopSignal,
    HealthcheckConfig healthcheck,
    Set<String> volumes,
    Map<String, String> labels) {

  public ImageConfig {
    env = env == null ? List.of() : List.copyOf(env);
    entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    cmd = cmd == null ? List.of() : List.copyOf(cmd);
    workingDir = workingDir == null ? "" : workingDir;
    user = user == null ? "" : user;
    stopSignal = stopSignal == null ? "" : stopSignal;
    volumes = volumes == null ? Set.of() : Set.copyOf(volumes);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  /** An image config with only a command, as a busybox image has. */
  public static ImageConfig ofCmd(String... cmd) {
    return new ImageConfig(
        List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
        List.of(),
        List.of(cmd),
        "",
        "",
        "",
        null,
        Set.of(),
        Map.of());
  }
}
