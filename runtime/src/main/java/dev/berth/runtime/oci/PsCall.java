package dev.berth.runtime.oci;

import java.util.List;

/** Lists the pids in a container's cgroup (`ps --format json`). */
public record PsCall(String containerId) implements RuntimeCall {
  @Override
  public String verb() {
    return "ps";
  }

  @Override
  public List<String> args() {
    return List.of("ps", "--format", "json", containerId);
  }
}
