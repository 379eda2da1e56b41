package dev.berth.runtime.oci;

import java.util.List;

/** Starts a created container's process (`start`). */
public record StartCall(String containerId) implements RuntimeCall {
  @Override
  public String verb() {
    return "start";
  }

  @Override
  public List<String> args() {
    return List.of("start", containerId);
  }
}
