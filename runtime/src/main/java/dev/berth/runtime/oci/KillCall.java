package dev.berth.runtime.oci;

import java.util.ArrayList;
import java.util.List;

/** Sends a signal to a container's init process, or to all its processes (`kill [--all]`). */
public record KillCall(String containerId, String signal, boolean all) implements RuntimeCall {
  @Override
  public String verb() {
    return "kill";
  }

  @Override
  public List<String> args() {
    List<String> args = new ArrayList<>(List.of("kill"));
    if (all) {
      args.add("--all");
    }
    args.add(containerId);
    args.add(signal);
    return args;
  }

  @Override
  public String describe(String runtimeName) {
    return runtimeName + " kill " + containerId + " " + signal;
  }
}
