package dev.berth.runtime.server.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The engine's events, in process: the engine publishes, {@code /events} subscribes. Keeps the
 * latest events for {@code since}; a subscriber that falls too far behind is dropped, not waited
 * for.
 */
public final class EventBus implements AutoCloseable {
  private final int historySize;
  private final int queueSize;
  private final Deque<EngineEvent> history = new ArrayDeque<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private boolean closed;

  public EventBus(int historySize, int queueSize) {
    this.historySize = historySize;
    this.queueSize = queueSize;
  }

  /** 1000 past events kept, 10000 queued per subscriber. */
  public static EventBus withDefaults() {
    return new EventBus(1000, 10_000);
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
      Predicate<EngineEvent> filter, Optional<Instant> since) {
    Subscription subscription = new Subscription(filter);
    since.ifPresent(
        from ->
            history.stream().filter(e -> !e.time().isBefore(from)).forEach(subscription::offer));
    if (closed) {
      subscription.open = false;
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
  public synchronized void close() {
    closed = true;
    subscriptions.forEach(s -> s.open = false);
    subscriptions.clear();
  }

  private synchronized void remove(Subscription subscription) {
    subscriptions.remove(subscription);
  }

  /** One subscriber's queue of events. */
  public final class Subscription implements AutoCloseable {
    private final Predicate<EngineEvent> filter;
    private final LinkedBlockingQueue<EngineEvent> queue = new LinkedBlockingQueue<>(queueSize);
    private volatile boolean open = true;

    private Subscription(Predicate<EngineEvent> filter) {
      this.filter = filter;
    }

    private void offer(EngineEvent event) {
      if (filter.test(event) && !queue.offer(event)) {
        close();
      }
    }

    /** The next event, or empty if none came within {@code timeout} or the subscription ended. */
    public Optional<EngineEvent> poll(Duration timeout) throws InterruptedException {
      EngineEvent event = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.ofNullable(event);
    }

    /** False once closed, dropped for falling behind, or the bus closed; queued events remain. */
    public boolean isOpen() {
      return open;
    }

    /** Whether events are still queued for this subscriber. */
    public boolean hasQueued() {
      return !queue.isEmpty();
    }

    @Override
    public void close() {
      open = false;
      remove(this);
    }
  }
}
