package dev.berth.runtime.oci;

import java.util.ArrayList;
import java.util.List;

/** Deletes a container's runtime state and cgroup, killing it first when forced (`delete -f`). */
public record DeleteCall(String containerId, boolean force) implements RuntimeCall {
  @Override
  public String verb() {
    return "delete";
  }

  @Override
  public List<String> args() {
    List<String> args = new ArrayList<>(List.of("delete"));
    if (force) {
      args.add("--force");
    }
    args.add(containerId);
    return args;
  }
}
