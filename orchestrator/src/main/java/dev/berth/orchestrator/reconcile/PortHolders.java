package dev.berth.orchestrator.reconcile;

import dev.berth.orchestrator.engine.ContainerInfo;
import dev.berth.orchestrator.engine.Engine;
import dev.berth.orchestrator.plan.Labels;
import dev.berth.runtime.api.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who holds a host port a container could not bind: the engine's error names the port, this names
 * the container and its compose project, so parallel CI jobs know whom they collided with.
 */
final class PortHolders {
  private static final Pattern PORT = Pattern.compile("(?:[0-9.]+|\\[[0-9a-f:]+\\]):(\\d+)");

  private PortHolders() {}

  /** {@code "; port 8080 is held by container ci-1-web-1 of project ci-1"}, or "" when unknown. */
  static String describe(Engine engine, String message, String self) {
    String lower = message.toLowerCase(java.util.Locale.ROOT);
    // dockerd: "port is already allocated" / "address already in use"; berthd: "is already in use"
    if (!lower.contains("already allocated") && !lower.contains("already in use")) {
      return "";
    }
    Matcher m = PORT.matcher(message);
    if (!m.find()) {
      return "";
    }
    int port = Integer.parseInt(m.group(1));
    List<String> holders = new ArrayList<>();
    try {
      for (ContainerInfo c : engine.containers(List.of(), false)) {
        if (c.id().equals(self)) {
          continue;
        }
        for (ContainerInfo.Port p : c.ports()) {
          if (p.hostPort() != null && p.hostPort() == port) {
            String project = c.label(Labels.PROJECT).map(n -> " of project " + n).orElse("");
            holders.add("container " + c.name() + project);
            break;
          }
        }
      }
    } catch (EngineException e) {
      return "";
    }
    if (holders.isEmpty()) {
      return "; port " + port + " is held by a process outside the engine";
    }
    return "; port " + port + " is held by " + String.join(", ", holders);
  }
}
