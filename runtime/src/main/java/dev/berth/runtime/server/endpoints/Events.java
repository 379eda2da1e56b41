package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.server.engine.EngineEvent;
import dev.berth.runtime.server.engine.EventBus;
import java.time.Clock;
import java.util.Map;

/** Publishes the image, network and volume events of the endpoints on the engine's bus. */
record Events(EventBus bus, Clock clock) {
  void publish(String type, String action, String actorId, Map<String, String> attributes) {
    bus.publish(new EngineEvent(type, action, actorId, attributes, clock.instant()));
  }
}
