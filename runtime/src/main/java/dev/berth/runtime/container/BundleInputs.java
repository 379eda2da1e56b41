package dev.berth.runtime.container;

import dev.berth.runtime.oci.RuntimeSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@link SpecGenerator} needs besides the {@link ContainerSpec}: the prepared rootfs,
 * the resolved process, the generated {@code /etc} files and the resolved volume mounts.
 */
public record BundleInputs(
    String runtimeId,
    Path rootfs,
    List<String> args,
    List<String> env,
    ResolvedUser user,
    String cwd,
    String hostname,
    Path etcDir,
    List<RuntimeSpec.Mount> volumeMounts,
    Path init) {

  public BundleInputs {
    args = List.copyOf(args);
    env = List.copyOf(env);
    volumeMounts = List.copyOf(volumeMounts);
  }

  /** The cgroup path berth gives the container under every controller. */
  public String cgroupsPath() {
    return "/berth/" + runtimeId;
  }
}
