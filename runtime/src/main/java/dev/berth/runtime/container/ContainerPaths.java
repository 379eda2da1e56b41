package dev.berth.runtime.container;

import dev.berth.runtime.log.LogFiles;
import dev.berth.runtime.oci.MonitorPaths;
import java.nio.file.Path;

/** Where one container's files live under the engine's roots. */
public record ContainerPaths(EngineRoots roots, String id, String runtimeId) {

  /** {@code <state>/containers/<id>}: record, logs, generated /etc files, rootfs. */
  public Path stateDir() {
    return roots.stateRoot().resolve("containers").resolve(id);
  }

  public Path record() {
    return stateDir().resolve("container.json");
  }

  public Path rootfs() {
    return stateDir().resolve("rootfs");
  }

  public Path etcDir() {
    return stateDir().resolve("etc");
  }

  public LogFiles logs(int maxFiles) {
    return new LogFiles(stateDir().resolve("ctr.log"), maxFiles);
  }

  /** {@code <run>/c/<runtime id>}: the OCI bundle and conmon's files. */
  public Path bundle() {
    return roots.runRoot().resolve("c").resolve(runtimeId);
  }

  public MonitorPaths monitor() {
    return new MonitorPaths(
        bundle(),
        stateDir().resolve("ctr.log"),
        bundle().resolve("exits"),
        roots.runRoot().resolve("s"));
  }
}
