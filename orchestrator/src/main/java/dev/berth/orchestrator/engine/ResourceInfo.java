package dev.berth.orchestrator.engine;

import java.util.Map;

/** A network or volume the engine holds: its name and labels. */
public record ResourceInfo(String name, Map<String, String> labels) {

  public ResourceInfo {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }
}
