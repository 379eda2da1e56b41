package dev.berth.runtime.server.endpoints;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.api.EventTemplate;
import dev.berth.runtime.api.Timestamps;
import dev.berth.runtime.server.engine.EngineEvent;
import dev.berth.runtime.server.engine.EventBus;
import dev.berth.runtime.server.engine.EventFilter;
import dev.berth.runtime.server.http.ApiRequest;
import dev.berth.runtime.server.http.ApiResponse;
import dev.berth.runtime.server.http.DockerFilters;
import dev.berth.runtime.server.http.Endpoints;
import dev.berth.runtime.server.http.LineStream;
import dev.berth.runtime.server.http.Routes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code GET /events}: the engine's events as a stream of JSON lines, with {@code filters}, {@code
 * since} (replays kept events) and {@code until} (ends the stream).
 */
public final class EventsEndpoint implements Endpoints {
  /** Events queued for a client that does not keep up before it is cut off, as dockerd does. */
  public static final int DEFAULT_MAX_QUEUED = 10_000;

  private static final Set<String> LEGACY_TYPES = Set.of("container", "image");

  private final EventBus bus;
  private final Clock clock;
  private final int maxQueued;

  public EventsEndpoint(EventBus bus, Clock clock, int maxQueued) {
    this.bus = bus;
    this.clock = clock;
    this.maxQueued = maxQueued;
  }

  @Override
  public void register(Routes routes) {
    routes.get("/events", this::events);
  }

  private void events(ApiRequest request, ApiResponse response) throws EngineException {
    Instant now = clock.instant();
    EventFilter filter = EventFilter.of(DockerFilters.parse(request.query("filters")));
    Optional<Instant> since = time(request, "since", now);
    Optional<Instant> until = time(request, "until", now);
    if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get())) {
      throw new EngineException(
          ErrorKind.INVALID_ARGUMENT,
          "since time (" + since.get() + ") cannot be after until time (" + until.get() + ")");
    }
    Predicate<EngineEvent> inWindow = e -> until.isEmpty() || !e.time().isAfter(until.get());
    LineStream stream = response.lines(200, "application/json", maxQueued);
    EventBus.Subscription subscription =
        bus.subscribe(
            filter.and(inWindow),
            since,
            new EventBus.Listener() {
              @Override
              public void event(EngineEvent event) {
                stream.send(wire(event));
              }

              @Override
              public void closed() {
                stream.finish();
              }
            });
    stream.onEnd(subscription::close);
    until.ifPresent(end -> stream.finishAfter(positive(Duration.between(clock.instant(), end))));
  }

  private static Duration positive(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }

  private static Optional<Instant> time(ApiRequest request, String name, Instant now)
      throws EngineException {
    Optional<String> text = request.query(name).filter(s -> !s.isBlank());
    return text.isEmpty() ? Optional.empty() : Optional.of(Timestamps.parse(name, text.get(), now));
  }

  static EventTemplate wire(EngineEvent event) {
    boolean legacy = LEGACY_TYPES.contains(event.type());
    long nanos = event.time().getEpochSecond() * 1_000_000_000L + event.time().getNano();
    return new EventTemplate(
        event.type(),
        event.action(),
        new EventTemplate.Actor(event.actorId(), event.attributes()),
        "local",
        event.time().getEpochSecond(),
        nanos,
        legacy ? event.action() : null,
        legacy ? event.actorId() : null,
        legacy ? event.attributes().get("image") : null);
  }
}
