package dev.berth.orchestrator.engine;

import java.util.Map;

/** One engine event: {@code container start 4f..} with the object's attributes (name, labels). */
public record EngineEvent(
    String type, String action, String id, Map<String, String> attributes, long timeNano) {

  public EngineEvent {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }
}
