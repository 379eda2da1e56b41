package dev.berth.runtime.server.engine;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** Something the engine did, e.g. container {@code 4f..} ({@code name=web}) {@code start}. */
public record EngineEvent(
    String type, String action, String actorId, Map<String, String> attributes, Instant time) {
  public EngineEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(actorId, "actorId");
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(time, "time");
  }
}
