package dev.berth.runtime.server.http;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A response body of JSON lines written without holding a thread, for {@code /events}: lines are
 * queued from any thread and written one at a time; a client that falls {@code maxQueued} lines
 * behind is cut off.
 */
public final class LineStream {
  private final Response response;
  private final Callback done;
  private final Scheduler scheduler;
  private final int maxQueued;
  private final Deque<ByteBuffer> queued = new ArrayDeque<>();
  private final Writer writer = new Writer();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final List<Runnable> onEnd = new CopyOnWriteArrayList<>();
  private boolean finishing;
  private boolean headersSent;
  private boolean lastSent;

  LineStream(Response response, Callback done, Scheduler scheduler, int maxQueued) {
    this.response = response;
    this.done = done;
    this.scheduler = scheduler;
    this.maxQueued = maxQueued;
  }

  /** Runs {@code action} once when the stream ends, whether finished or failed. */
  public void onEnd(Runnable action) {
    onEnd.add(action);
    if (ended.get() && onEnd.remove(action)) {
      action.run();
    }
  }

  /** Sends the status and headers now. */
  void open() {
    writer.iterate();
  }

  /** Ends the stream if the client closes its connection while the stream is quiet. */
  void watchClient(EndPoint endPoint, Duration interval) {
    ClientWatch watch =
        ClientWatch.start(
            endPoint,
            scheduler,
            interval,
            () -> writer.abort(new EOFException("the client closed the connection")));
    onEnd(watch::stop);
  }

  /** Queues one JSON value as a line; false if the stream has ended or the client fell behind. */
  public boolean send(Object value) {
    byte[] json = Json.write(value);
    ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
    boolean behind;
    synchronized (this) {
      if (finishing || ended.get()) {
        return false;
      }
      behind = queued.size() >= maxQueued;
      if (!behind) {
        queued.addLast(line);
      }
    }
    if (behind) {
      // a client that stopped reading would hold its pending write, and this stream, forever
      writer.abort(new IOException("client fell " + maxQueued + " lines behind; cut off"));
      return false;
    }
    writer.iterate();
    return true;
  }

  /** Ends the body after the queued lines. */
  public void finish() {
    synchronized (this) {
      finishing = true;
    }
    writer.iterate();
  }

  /** Finishes the stream after {@code delay}, e.g. at the {@code until} of {@code /events}. */
  public void finishAfter(Duration delay) {
    Scheduler.Task task = scheduler.schedule(this::finish, delay.toMillis(), TimeUnit.MILLISECONDS);
    onEnd(task::cancel);
  }

  /** Runs the end actions once; true for the one caller that should complete the response. */
  private boolean end() {
    if (!ended.compareAndSet(false, true)) {
      return false;
    }
    onEnd.forEach(Runnable::run);
    return true;
  }

  /** Writes queued lines one at a time, as Jetty allows one pending write per response. */
  private final class Writer extends IteratingCallback {
    @Override
    protected Action process() {
      ByteBuffer next;
      boolean last = false;
      synchronized (LineStream.this) {
        if (!headersSent) {
          headersSent = true;
          response.write(false, null, this);
          return Action.SCHEDULED;
        }
        next = queued.pollFirst();
        if (next == null) {
          if (!finishing) {
            return Action.IDLE;
          }
          if (lastSent) {
            return Action.SUCCEEDED;
          }
          lastSent = true;
          last = true;
        }
      }
      response.write(last, next, this);
      return Action.SCHEDULED;
    }

    @Override
    protected void onCompleteSuccess() {
      if (end()) {
        done.succeeded();
      }
    }

    @Override
    protected void onAborted(Throwable cause) {
      // fails the response now, which closes the connection and so ends a write stuck pending
      onCompleteFailure(cause);
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
      synchronized (LineStream.this) {
        finishing = true;
        queued.clear();
      }
      if (end()) {
        done.failed(cause);
      }
    }
  }
}
