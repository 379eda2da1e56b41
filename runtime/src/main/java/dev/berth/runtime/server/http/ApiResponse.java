package dev.berth.runtime.server.http;

import dev.berth.runtime.api.EngineException;
import dev.berth.runtime.api.ErrorKind;
import dev.berth.runtime.api.ErrorTemplate;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * How a handler answers: a JSON or text body now, a JSON body later, a stream of JSON lines, or a
 * hijacked connection. Exactly one of them per request.
 */
public final class ApiResponse {
  static final String JSON = "application/json";
  private static final Duration CLIENT_CHECK_INTERVAL = Duration.ofSeconds(1);

  private final Request request;
  private final Response response;
  private final Callback callback;
  private final Executor attachThreads;
  private final AtomicBoolean answered = new AtomicBoolean();

  ApiResponse(Request request, Response response, Callback callback, Executor attachThreads) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.attachThreads = attachThreads;
  }

  /** Adds a header to the answer; call before answering. */
  public ApiResponse header(String name, String value) {
    response.getHeaders().put(name, value);
    return this;
  }

  /** Answers {@code value} as JSON, ending with a newline as dockerd's encoder does. */
  public void json(int status, Object value) {
    take();
    send(response, status, JSON, withNewline(Json.write(value)), callback);
  }

  /** Answers a text body, e.g. {@code OK} to {@code /_ping}. */
  public void text(int status, String contentType, String body) {
    take();
    send(response, status, contentType, body.getBytes(StandardCharsets.UTF_8), callback);
  }

  /** Answers with no body, e.g. {@code 204} to {@code POST /containers/{id}/start}. */
  public void empty(int status) {
    take();
    response.setStatus(status);
    response.getHeaders().remove(HttpHeader.CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
    response.write(true, null, callback);
  }

  /**
   * Sends the status and headers now and {@code body} as JSON when it completes, as dockerd does
   * for {@code /containers/{id}/wait}. A failed stage aborts the response; so does the client
   * closing its connection meanwhile (see {@link ClientWatch}).
   */
  public void jsonWhenDone(int status, CompletionStage<?> body) {
    take();
    AtomicBoolean over = new AtomicBoolean();
    Callback callback = untilDone();
    ClientWatch watch =
        ClientWatch.start(
            endPoint(),
            request.getComponents().getScheduler(),
            CLIENT_CHECK_INTERVAL,
            () -> {
              if (over.compareAndSet(false, true)) {
                callback.failed(new EOFException("the client closed the connection"));
              }
            });
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
    response.write(
        false,
        null,
        Callback.from(
            () ->
                body.whenComplete(
                    (value, failure) -> {
                      watch.stop();
                      if (!over.compareAndSet(false, true)) {
                        return;
                      }
                      if (failure != null) {
                        callback.failed(failure);
                      } else {
                        byte[] bytes = withNewline(Json.write(value));
                        response.write(true, ByteBuffer.wrap(bytes), callback);
                      }
                    }),
            failure -> {
              watch.stop();
              if (over.compareAndSet(false, true)) {
                callback.failed(failure);
              }
            }));
  }

  private EndPoint endPoint() {
    return request.getConnectionMetaData().getConnection().getEndPoint();
  }

  /**
   * Starts a body of JSON lines written without holding a thread (see {@link LineStream}); the
   * headers go out at once.
   */
  public LineStream lines(int status, String contentType, int maxQueued) {
    take();
    Callback callback = untilDone();
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    LineStream stream =
        new LineStream(response, callback, request.getComponents().getScheduler(), maxQueued);
    stream.open();
    stream.watchClient(endPoint(), CLIENT_CHECK_INTERVAL);
    return stream;
  }

  /**
   * Starts a binary body written through the returned stream by a thread of the caller's, e.g.
   * {@code /containers/{id}/logs}; closing the stream ends the answer, {@link BodyStream#fail}
   * aborts it.
   */
  public BodyStream stream(int status, String contentType) {
    take();
    Callback callback = untilDone();
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    return new BodyStream(Content.Sink.asOutputStream(response), callback);
  }

  /** A streamed body: write, flush, then close (or fail). */
  public static final class BodyStream extends FilterOutputStream {
    private final Callback callback;
    private final AtomicBoolean over = new AtomicBoolean();

    BodyStream(OutputStream out, Callback callback) {
      super(out);
      this.callback = callback;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      if (!over.compareAndSet(false, true)) {
        return;
      }
      try {
        out.close();
        callback.succeeded();
      } catch (IOException | RuntimeException e) {
        callback.failed(e);
        throw e;
      }
    }

    /** Ends the answer abruptly (the client sees a cut-off body). */
    public void fail(Throwable failure) {
      if (over.compareAndSet(false, true)) {
        callback.failed(failure);
      }
    }
  }

  /**
   * Answers {@code 101 Switching Protocols} with {@code Upgrade: tcp}, then hands the raw
   * connection to {@code connection}, which runs on the server's attach threads: Docker's hijack
   * for attach and exec.
   */
  public void upgradeToTcp(
      String contentType, BiFunction<EndPoint, Executor, Connection> connection) {
    take();
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    response.setStatus(101);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONNECTION, "Upgrade");
    response.getHeaders().put(HttpHeader.UPGRADE, "tcp");
    request.setAttribute(
        HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, connection.apply(endPoint, attachThreads));
    callback.succeeded();
  }

  /** Writes a body of bytes, e.g. the tar of {@code docker save}. */
  @FunctionalInterface
  public interface BodyWriter {
    void write(OutputStream out) throws IOException, EngineException;
  }

  /**
   * Answers a body written by {@code writer} on this thread as it produces it (chunked). A failure
   * before anything was answered is thrown; after the headers went out it aborts the response.
   */
  public void stream(int status, String contentType, BodyWriter writer) throws EngineException {
    take();
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    OutputStream sink = Content.Sink.asOutputStream(response);
    BufferedOutputStream out =
        new BufferedOutputStream(
            new FilterOutputStream(sink) {
              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
              }

              @Override
              public void close() throws IOException {
                flush(); // the writer may close its stream; the response ends below
              }
            },
            1 << 16);
    try {
      writer.write(out);
      out.flush();
    } catch (IOException | EngineException | RuntimeException e) {
      if (!response.isCommitted()) {
        answered.set(false);
        throw e instanceof EngineException ee
            ? ee
            : new EngineException(ErrorKind.INTERNAL, "writing the body: " + e, e);
      }
      callback.failed(e);
      return;
    }
    try {
      sink.close();
    } catch (IOException e) {
      callback.failed(e);
      return;
    }
    callback.succeeded();
  }

  /** Whether a handler answered; the router answers 500 for one that returned without. */
  boolean answered() {
    return answered.get();
  }

  /** Answers Docker's error shape, unless something was answered already. */
  boolean error(int status, String message) {
    if (!answered.compareAndSet(false, true) || response.isCommitted()) {
      return false;
    }
    sendError(response, status, message, callback);
    return true;
  }

  /** Ends the exchange abruptly, for failures after the headers went out. */
  void abort(Throwable failure) {
    callback.failed(failure);
  }

  static void sendError(Response response, int status, String message, Callback callback) {
    response.getHeaders().remove(HttpHeader.CONTENT_LENGTH);
    send(response, status, JSON, withNewline(Json.write(new ErrorTemplate(message))), callback);
  }

  private static void send(
      Response response, int status, String contentType, byte[] body, Callback callback) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private static byte[] withNewline(byte[] json) {
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    return line;
  }

  /**
   * Lifts the idle timeout while a long-lived answer (a wait, an event stream) is quiet, as dockerd
   * has none; the returned callback puts it back when the answer ends.
   */
  private Callback untilDone() {
    EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
    long idleTimeout = endPoint.getIdleTimeout();
    endPoint.setIdleTimeout(0);
    return Callback.from(callback, () -> endPoint.setIdleTimeout(idleTimeout));
  }

  private void take() {
    if (!answered.compareAndSet(false, true)) {
      throw new IllegalStateException("answered twice: " + request.getHttpURI().getPath());
    }
  }
}
