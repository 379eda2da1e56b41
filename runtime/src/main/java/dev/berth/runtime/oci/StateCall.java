package dev.berth.runtime.oci;

import java.util.List;

/** Asks for a container's OCI state (`state`), JSON on stdout. */
public record StateCall(String containerId) implements RuntimeCall {
  @Override
  public String verb() {
    return "state";
  }

  @Override
  public List<String> args() {
    return List.of("state", containerId);
  }
}
