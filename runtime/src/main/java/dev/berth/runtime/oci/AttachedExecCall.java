package dev.berth.runtime.oci;

import java.nio.file.Path;
import java.util.List;

/**
 * An exec whose caller holds the runtime's stdio ({@code exec --process F --pid-file P}): the
 * process inherits the runtime's stdin, stdout and stderr, its host pid goes to {@code pidFile},
 * and the runtime exits with the process's exit code.
 */
public record AttachedExecCall(String containerId, Path processSpec, Path pidFile)
    implements RuntimeCall {
  @Override
  public String verb() {
    return "exec";
  }

  @Override
  public List<String> args() {
    return List.of(
        "exec", "--process", processSpec.toString(), "--pid-file", pidFile.toString(), containerId);
  }

  @Override
  public boolean exitCodeIsResult() {
    return true;
  }
}
