package dev.berth.runtime.server.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The events a bus kept, as {@code "type action actor name=..."} lines for assertions. */
public final class EventHistory {
  private EventHistory() {}

  public static List<String> of(EventBus bus) {
    List<String> seen = new ArrayList<>();
    bus.subscribe(
            e -> true,
            Optional.of(Instant.EPOCH),
            new EventBus.Listener() {
              @Override
              public void event(EngineEvent e) {
                seen.add(
                    e.type()
                        + " "
                        + e.action()
                        + " "
                        + e.actorId()
                        + (e.attributes().containsKey("name")
                            ? " name=" + e.attributes().get("name")
                            : ""));
              }

              @Override
              public void closed() {}
            })
        .close();
    return seen;
  }
}
