package dev.berth.runtime.oci;

import java.util.List;

/** Freezes every process of a container (`pause`, the freezer cgroup). */
public record PauseCall(String containerId) implements RuntimeCall {
  @Override
  public String verb() {
    return "pause";
  }

  @Override
  public List<String> args() {
    return List.of("pause", containerId);
  }
}
