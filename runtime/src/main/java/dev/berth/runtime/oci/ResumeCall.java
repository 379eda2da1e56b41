package dev.berth.runtime.oci;

import java.util.List;

/** Thaws a paused container (`resume`). */
public record ResumeCall(String containerId) implements RuntimeCall {
  @Override
  public String verb() {
    return "resume";
  }

  @Override
  public List<String> args() {
    return List.of("resume", containerId);
  }
}
