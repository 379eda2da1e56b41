package dev.berth.runtime.oci;

import java.nio.file.Path;
import java.util.List;

/**
 * Runs an extra process in a running container from a process spec file ({@code exec --process});
 * the runtime exits with the process's exit code.
 */
public record ExecCall(String containerId, Path processSpec) implements RuntimeCall {
  @Override
  public String verb() {
    return "exec";
  }

  @Override
  public List<String> args() {
    return List.of("exec", "--process", processSpec.toString(), containerId);
  }

  @Override
  public boolean exitCodeIsResult() {
    return true;
  }
}
