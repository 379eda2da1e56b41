package dev.berth.runtime.oci;

import java.nio.file.Path;

/**
 * Where a container's conmon keeps its files: the bundle (with {@code ctl}, {@code attach}), the
 * k8s-file log, the exit directory and the pid files.
 */
public record MonitorPaths(Path bundle, Path log, Path exitDir, Path socketDir) {

  /** The file conmon writes the container's exit code to. */
  public Path exitFile(String containerId) {
    return exitDir.resolve(containerId);
  }

  /** Present after an OOM kill (cgroup v1). */
  public Path oomFile() {
    return bundle.resolve("oom");
  }

  public Path containerPidFile() {
    return bundle.resolve("pidfile");
  }

  public Path conmonPidFile() {
    return bundle.resolve("conmon.pid");
  }

  public Path syncFile() {
    return bundle.resolve("conmon.sync");
  }

  public Path persistDir() {
    return bundle.resolve("persist");
  }

  /** conmon's control FIFO: {@code 2 0 0} asks it to reopen its log file. */
  public Path ctlFifo() {
    return bundle.resolve("ctl");
  }
}
