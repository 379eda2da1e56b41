package dev.berth.runtime.oci;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An OCI runtime berth can call: its name ({@code crun}, {@code runc}), the binary, the program
 * conmon runs for {@code create} (the binary, or a wrapper that gives crun a private cgroup view on
 * hybrid hosts), and berth's private {@code --root} state directory for it.
 */
public record OciRuntime(String name, Path binary, Path launcher, Path stateRoot) {
  public OciRuntime {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(launcher, "launcher");
    Objects.requireNonNull(stateRoot, "stateRoot");
  }

  /** Whether {@code create} goes through the private-mount-namespace wrapper. */
  public boolean wrapped() {
    return !launcher.equals(binary);
  }
}
