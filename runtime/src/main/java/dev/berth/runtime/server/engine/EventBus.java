package dev.berth.runtime.server.engine;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The engine's events, in process: the engine publishes, {@code /events} subscribes. Keeps the
 * latest events for {@code since}. Listeners are called on the publishing thread and must not
 * block.
 */
public final class EventBus implements AutoCloseable {
  private final int historySize;
  private final Deque<EngineEvent> history = new ArrayDeque<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private boolean closed;

  public EventBus(int historySize) {
    this.historySize = historySize;
  }

  /** 1000 past events kept. */
  public static EventBus withDefaults() {
    return new EventBus(1000);
  }

  /** Who receives events: each matching event, then once the end of the bus. */
  public interface Listener {
    void event(EngineEvent event);

    /** The bus closed; no more events come. */
    void closed();
  }

  /** Records {@code event} and hands it to every matching subscriber. */
  public synchronized void publish(EngineEvent event) {
    if (closed) {
      return;
    }
    history.addLast(event);
    while (history.size() > historySize) {
      history.removeFirst();
    }
    for (Subscription subscription : List.copyOf(subscriptions)) {
      subscription.offer(event);
    }
  }

  /**
   * Subscribes to events matching {@code filter}; with {@code since}, the kept events from then
   * come first, with no gap before the live ones.
   */
  public synchronized Subscription subscribe(
      Predicate<EngineEvent> filter, Optional<Instant> since, Listener listener) {
    Subscription subscription = new Subscription(filter, listener);
    since.ifPresent(
        from ->
            history.stream().filter(e -> !e.time().isBefore(from)).forEach(subscription::offer));
    if (closed) {
      listener.closed();
    } else {
      subscriptions.add(subscription);
    }
    return subscription;
  }

  /** How many subscribers listen now, for {@code /info}. */
  public synchronized int listeners() {
    return subscriptions.size();
  }

  /** Ends every subscription; later publishes are dropped. */
  @Override
  public void close() {
    List<Subscription> ending;
    synchronized (this) {
      closed = true;
      ending = List.copyOf(subscriptions);
      subscriptions.clear();
    }
    ending.forEach(s -> s.listener.closed());
  }

  private synchronized void remove(Subscription subscription) {
    subscriptions.remove(subscription);
  }

  /** One subscriber; close it to stop receiving. */
  public final class Subscription implements AutoCloseable {
    private final Predicate<EngineEvent> filter;
    private final Listener listener;

    private Subscription(Predicate<EngineEvent> filter, Listener listener) {
      this.filter = filter;
      this.listener = listener;
    }

    private void offer(EngineEvent event) {
      if (filter.test(event)) {
        listener.event(event);
      }
    }

    @Override
    public void close() {
      remove(this);
    }
  }
}
